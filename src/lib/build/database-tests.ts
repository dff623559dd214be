import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/*
 * Which unit test files the PostgreSQL Vitest project runs (vite.config.ts).
 *
 * Most unit tests never open a database, or open a SQLite file of their own, and running them a
 * second time on PostgreSQL checks nothing new. A test reaches the engine only through the test
 * database support (src/lib/server/test-support/test-database.ts, or the PGlite dialect it uses),
 * or by connecting to the server of TEST_DATABASE_URL itself. So the list is read from the code:
 * a test file is a database test when its imports, followed through the project's own modules
 * (relative and `$lib/` imports), reach that support, or when it names TEST_DATABASE_URL. A new
 * database test is picked up as soon as it imports the helper; nobody keeps a list by hand.
 */

/** Modules whose import makes a test file run on PostgreSQL too (paths from the project root). */
export const DATABASE_SUPPORT = [
	'src/lib/server/test-support/test-database.ts',
	'src/lib/server/test-support/pglite-dialect.ts'
];

/** A test that talks to the PostgreSQL server itself, without the support module. */
const NAMES_SERVER = /\bTEST_DATABASE_URL\b/;

/**
 * A static `import … from '…'`, `export … from '…'` or bare `import '…'` at the start of a line
 * (so an import written inside a string, as a test's fixture, is not one).
 */
const IMPORT = /^(?:import|export)\b(?:[^;'"]*?\bfrom)?\s*['"]([^'"]+)['"]/gm;

const EXTENSIONS = ['', '.ts', '.js', '/index.ts', '/index.js'];

/** The project files a module imports (relative or `$lib/`), resolved to absolute paths. */
export function localImports(file: string, source: string, root: string): string[] {
	const found: string[] = [];
	for (const match of source.matchAll(IMPORT)) {
		const specifier = match[1] ?? '';
		let base: string;
		if (specifier.startsWith('.')) base = resolve(dirname(file), specifier);
		else if (specifier.startsWith('$lib/')) base = join(root, 'src/lib', specifier.slice(5));
		else continue;
		for (const extension of EXTENSIONS) {
			const candidate = base + extension;
			if (existsSync(candidate) && statSync(candidate).isFile()) {
				found.push(candidate);
				break;
			}
		}
	}
	return found;
}

function testFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
		.map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The test files under `src/` (paths from `root`, with forward slashes, sorted) that use a
 * database engine chosen by the Vitest project.
 */
export function databaseTestFiles(root: string): string[] {
	const support = new Set(DATABASE_SUPPORT.map((path) => resolve(root, path)));
	const sources = new Map<string, string>();
	const read = (file: string) => {
		let source = sources.get(file);
		if (source === undefined) {
			source = readFileSync(file, 'utf8');
			sources.set(file, source);
		}
		return source;
	};
	// Whether each module reaches the support; `false` while being visited (an import cycle).
	const reaches = new Map<string, boolean>();
	const visit = (file: string): boolean => {
		if (support.has(file)) return true;
		const known = reaches.get(file);
		if (known !== undefined) return known;
		reaches.set(file, false);
		const result = localImports(file, read(file), root).some(visit);
		reaches.set(file, result);
		return result;
	};
	return testFiles(join(root, 'src'))
		.filter((file) => NAMES_SERVER.test(read(file)) || visit(file))
		.map((file) => relative(root, file).split(sep).join('/'))
		.sort();
}
