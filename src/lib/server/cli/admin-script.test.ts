import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';

const run = promisify(execFile);
let dataDir = '';

afterEach(() => {
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function admin(args: string[]) {
	return run('node', ['scripts/admin.js', ...args], {
		env: { ...process.env, DATA_DIR: dataDir, ORIGIN: 'https://toolkit.example.nhs.uk' }
	});
}

describe('npm run admin, the real command', () => {
	it('builds, runs against DATA_DIR’s database and exits 2 on bad usage', async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'admin-cli-'));
		const created = await admin([
			'create-organisation',
			'--name',
			'Eastbrook Hospitals NHS Trust',
			'--ods',
			'RXQ',
			'--admin-email',
			'erin@eastbrook.example',
			'--admin-name',
			'Erin Admin'
		]);
		expect(created.stdout).toMatch(
			/Created Eastbrook Hospitals NHS Trust \(eastbrook-hospitals-nhs-trust\)\.\n.*\nhttps:\/\/toolkit\.example\.nhs\.uk\/set-password\/[A-Za-z0-9_-]{43}\n$/
		);

		const db = openDatabase(join(dataDir, 'toolkit.sqlite'));
		try {
			const rows = await db
				.selectFrom('organisation')
				.select(['name', 'kind', 'ods_code'])
				.orderBy('kind')
				.execute();
			expect(rows).toEqual([
				{ name: 'Platform', kind: 'platform', ods_code: null },
				{ name: 'Eastbrook Hospitals NHS Trust', kind: 'trust', ods_code: 'RXQ' }
			]);
		} finally {
			await db.destroy();
		}

		const bad = await admin(['create-organisation', '--name', 'X', '--ods', 'R1']).catch(
			(error: { code: number; stderr: string }) => error
		);
		expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/--ods: an ODS code/) });
	}, 60_000);
});
