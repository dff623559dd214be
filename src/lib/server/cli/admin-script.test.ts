import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';

const run = promisify(execFile);
let dataDir = '';
let otherDirs: string[] = [];

afterEach(() => {
	for (const dir of [dataDir, ...otherDirs]) if (dir) rmSync(dir, { recursive: true, force: true });
	otherDirs = [];
});

function admin(args: string[], env: Record<string, string> = {}) {
	return run('node', ['scripts/admin.js', ...args], {
		env: {
			...process.env,
			DATA_DIR: dataDir,
			ORIGIN: 'https://toolkit.example.nhs.uk',
			SEED_DEMO: 'false',
			...env
		}
	});
}

const failure = (error: { code: number; stdout: string; stderr: string }) => error;

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

	it('npm run backup, then npm run restore: refused when damaged, then restored into an empty folder', async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'admin-cli-'));
		const backupDir = mkdtempSync(join(tmpdir(), 'admin-backups-'));
		const fresh = mkdtempSync(join(tmpdir(), 'admin-restored-'));
		otherDirs = [backupDir, fresh];
		await admin(['create-organisation', '--name', 'Eastbrook Hospitals NHS Trust']);

		const backedUp = await admin(['backup'], { BACKUP_DIR: backupDir });
		expect(backedUp.stdout).toMatch(
			/^Backed up to .*backup-\d{8}T\d{9}Z: \d+ files, \d+ bytes, in /
		);
		const [name] = readdirSync(backupDir);
		const backup = join(backupDir, name!);

		const manifest = readFileSync(join(backup, 'manifest.json'), 'utf8');
		// One checksum changed by a digit: the backup no longer matches its manifest.
		const damagedManifest = manifest.replace(
			/"sha256": "(.)/,
			(_, c: string) => `"sha256": "${c === '0' ? '1' : '0'}`
		);
		writeFileSync(join(backup, 'manifest.json'), damagedManifest);
		const damaged = await admin(['restore', backup], { DATA_DIR: fresh }).catch(failure);
		expect(damaged).toMatchObject({
			code: 1,
			stderr: expect.stringMatching(/does not match its checksum/)
		});
		expect(readdirSync(fresh)).toEqual([]);

		writeFileSync(join(backup, 'manifest.json'), manifest);
		const restored = await admin(['restore', backup], { DATA_DIR: fresh });
		expect(restored.stdout).toMatch(/^Restored the backup of /);
		const db = openDatabase(join(fresh, 'toolkit.sqlite'));
		try {
			const names = await db.selectFrom('organisation').select('name').execute();
			expect(names.map((o) => o.name)).toContain('Eastbrook Hospitals NHS Trust');
		} finally {
			await db.destroy();
		}
	}, 120_000);
});
