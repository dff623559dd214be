import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseTestFiles } from './database-tests';

let root: string | undefined;
afterEach(() => {
	if (root) rmSync(root, { recursive: true, force: true });
	root = undefined;
});

function project(files: Record<string, string>): string {
	root = mkdtempSync(join(tmpdir(), 'database-tests-'));
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	}
	return root;
}

const support = {
	'src/lib/server/test-support/test-database.ts': "import { PGliteDialect } from './pglite-dialect';\n",
	'src/lib/server/test-support/pglite-dialect.ts': 'export class PGliteDialect {}\n'
};

describe('databaseTestFiles', () => {
	it('keeps the tests that import the support, directly, through a helper or via $lib', () => {
		const dir = project({
			...support,
			'src/lib/server/test-support/demo-database.ts':
				"import { openTestDatabase } from './test-database';\n",
			'src/lib/server/repositories/a.test.ts':
				"import { openTestDatabase } from '../test-support/test-database';\n",
			'src/lib/server/repositories/b.test.ts':
				"import {\n\topenDemo\n} from '../test-support/demo-database.ts';\n",
			'src/lib/server/c.test.ts': "import { x } from '$lib/server/test-support/demo-database';\n",
			'src/lib/server/db/d.test.ts': "import { PGliteDialect } from '../test-support/pglite-dialect';\n",
			// Split, or this file would name the variable itself.
			'src/lib/server/db/e.test.ts': 'const url = process.env.TEST_' + 'DATABASE_URL;\n',
			'src/routes/f.test.ts': "import '$lib/server/test-support/test-database';\n"
		});
		expect(databaseTestFiles(dir)).toEqual([
			'src/lib/server/c.test.ts',
			'src/lib/server/db/d.test.ts',
			'src/lib/server/db/e.test.ts',
			'src/lib/server/repositories/a.test.ts',
			'src/lib/server/repositories/b.test.ts',
			'src/routes/f.test.ts'
		]);
	});

	it('leaves out tests that never reach it, even through import cycles and packages', () => {
		const dir = project({
			...support,
			'src/lib/server/db/database.ts': "import pg from 'pg';\nimport { b } from './cycle';\n",
			'src/lib/server/db/cycle.ts': "import { a } from './database';\n",
			'src/lib/server/rate-limit.test.ts':
				"import { openDatabase } from './db/database';\n// a SQLite file of its own\n",
			'src/lib/server/names.test.ts': "it('test-database is only a word here', () => {});\n",
			'src/lib/domain/pure.test.ts': "import { z } from 'zod';\n",
			'src/lib/domain/fixture.test.ts':
				"const text = \"import { openTestDatabase } from '$lib/server/test-support/test-database';\";\n"
		});
		expect(databaseTestFiles(dir)).toEqual([]);
	});

	it("finds this project's database tests and not its pure ones", () => {
		const files = databaseTestFiles(process.cwd());
		expect(files).toContain('src/lib/server/repositories/deliveries.test.ts');
		expect(files).toContain('src/lib/server/db/migrate-postgres.test.ts');
		expect(files).toContain('src/lib/server/db/read-only-pool.test.ts');
		expect(files).not.toContain('src/lib/server/auth/password.test.ts');
		expect(files).not.toContain('src/lib/server/db/sqlite-schema.test.ts');
		expect(files).not.toContain('src/lib/build/database-tests.test.ts');
	});
});
