import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerApp } from '../app';
import { readConfig } from '../config';
import { sqliteConnectionOf } from '../db/database';
import { backupWhileWardSyncs, storedIds } from '../test-support/backups';
import { serverApps } from '../test-support/server-apps';
import {
	listBackups,
	MANIFEST,
	RestoreRefused,
	restoreBackup,
	scheduleBackups,
	takeBackup,
	verifyBackup,
	type BackupSource
} from './backup';

// Seeding hashes a password per demo account (argon2); a busy machine takes seconds.
const SLOW = 120_000;
const release = { version: '1.0.0', commit: null };
const { folder, start, close, cleanUp } = serverApps();

afterEach(cleanUp);

describe.each<{ label: string; source: (app: ServerApp) => BackupSource }>([
	{
		label: 'npm run backup (a connection of its own)',
		source: () => ({ engine: 'sqlite', connection: null })
	},
	{
		label: 'BACKUP_EVERY (the server’s own connection, step by step)',
		source: (app) => ({ engine: 'sqlite', connection: sqliteConnectionOf(app.db) })
	}
])('a backup taken while a ward syncs: $label', ({ source }) => {
	it(
		'restored into a fresh folder, a server started on it has every record acknowledged before the backup began',
		async () => {
			const dataDir = folder('backup-live');
			const app = await start(dataDir);
			const { backup, before, acknowledged } = await backupWhileWardSyncs(app, source(app));
			expect(acknowledged.length).toBeGreaterThan(before.length); // it really synced meanwhile
			expect(backup.manifest.files.map((f) => f.path)).toEqual([
				'database.sqlite',
				'uploads/a1b2.mp4',
				'sso-secret.key'
			]);
			expect(backup.manifest.migration).toMatch(/^\d{3}-/);

			const fresh = folder('restored');
			const config = readConfig({ DATA_DIR: fresh });
			await restoreBackup(backup.dir, config);
			const restored = await start(fresh);
			const ids = await storedIds(restored);
			expect(before.filter((id) => !ids.has(id))).toEqual([]);
			expect(readFileSync(join(fresh, 'uploads', 'a1b2.mp4'), 'utf8')).toBe('not really a video');
			expect(readFileSync(join(fresh, 'sso-secret.key'))).toEqual(
				readFileSync(join(dataDir, 'sso-secret.key'))
			);
		},
		SLOW
	);
});

describe('restore', () => {
	async function oneBackup() {
		const dataDir = folder('backup-source');
		const app = await start(dataDir);
		const backup = await takeBackup({
			paths: app.config,
			source: { engine: 'sqlite', connection: null },
			backupDir: join(folder('backups'), 'b'),
			keep: 3,
			release
		});
		return { app, backup };
	}

	it(
		'refuses a damaged backup by its checksum before touching the data folder',
		async () => {
			const { backup } = await oneBackup();
			const file = join(backup.dir, 'database.sqlite');
			const bytes = readFileSync(file);
			bytes[bytes.length - 10] = bytes.at(-10)! ^ 0xff;
			writeFileSync(file, bytes);

			const target = folder('target');
			writeFileSync(join(target, 'toolkit.sqlite'), 'the data that is there');
			const config = readConfig({ DATA_DIR: target });
			await expect(restoreBackup(backup.dir, config, { force: true })).rejects.toThrow(
				new RestoreRefused('database.sqlite does not match its checksum: the backup is damaged')
			);
			expect(await readdir(target)).toEqual(['toolkit.sqlite']);
			expect(readFileSync(join(target, 'toolkit.sqlite'), 'utf8')).toBe('the data that is there');
		},
		SLOW
	);

	it(
		'refuses a manifest that names a file outside the backup, or none at all',
		async () => {
			const { backup } = await oneBackup();
			const manifest = JSON.parse(readFileSync(join(backup.dir, MANIFEST), 'utf8'));
			manifest.files[0].path = '../../etc/passwd';
			writeFileSync(join(backup.dir, MANIFEST), JSON.stringify(manifest));
			await expect(verifyBackup(backup.dir)).rejects.toThrow(/files\.0\.path: must stay inside/);
			await expect(verifyBackup(folder('empty'))).rejects.toThrow(/has no manifest\.json/);
		},
		SLOW
	);

	it(
		'refuses a folder that holds data unless forced, and then sets that data aside',
		async () => {
			const { backup } = await oneBackup();
			const target = folder('target');
			const config = readConfig({ DATA_DIR: target });
			mkdirSync(join(target, 'uploads'));
			writeFileSync(join(target, 'uploads', 'old.png'), 'old');
			await expect(restoreBackup(backup.dir, config)).rejects.toThrow(
				/The data folder is not empty .*uploads.*add --force/
			);
			expect(await readdir(target)).toEqual(['uploads']);

			const { setAside } = await restoreBackup(backup.dir, config, { force: true });
			expect(setAside).not.toBeNull();
			expect(readFileSync(join(setAside!, 'uploads', 'old.png'), 'utf8')).toBe('old');
			expect(existsSync(join(target, 'toolkit.sqlite'))).toBe(true);
		},
		SLOW
	);
});

describe('backups kept and failed', () => {
	it(
		'keeps the newest BACKUP_KEEP; one that fails at the end leaves no partial folder and the others intact',
		async () => {
			const app = await start(folder('backup-keep'));
			const backupDir = folder('kept');
			let clock = Date.parse('2026-12-04T10:00:00Z');
			const take = () =>
				takeBackup({
					paths: app.config,
					source: { engine: 'sqlite', connection: null },
					backupDir,
					keep: 2,
					release,
					now: () => new Date((clock += 1000))
				});
			const first = await take();
			const second = await take();
			const third = await take();
			expect(third.deleted).toEqual([first.name]);
			expect(await listBackups(backupDir)).toEqual([second.name, third.name]);

			// The next one's folder name is taken by a file: the rename at the end fails.
			writeFileSync(join(backupDir, 'backup-20261204T100007000Z'), 'in the way');
			clock = Date.parse('2026-12-04T10:00:06Z');
			await expect(take()).rejects.toThrow();
			expect((await readdir(backupDir)).filter((n) => n.startsWith('.partial'))).toEqual([]);
			expect(await listBackups(backupDir)).toEqual([second.name, third.name]);
			await verifyBackup(join(backupDir, third.name));
		},
		SLOW
	);

	it(
		'BACKUP_EVERY takes one each interval; stopping abandons one in progress and leaves no partial folder',
		async () => {
			vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
			try {
				const app = await start(folder('backup-every'));
				const config = { ...app.config, backup: { ...app.config.backup, everyMs: 3_600_000 } };
				const results: Array<{ ok: boolean }> = [];
				let reported = () => {};
				const schedule = () =>
					scheduleBackups({
						config,
						connection: sqliteConnectionOf(app.db),
						release,
						log: () => undefined,
						onResult: (r) => {
							results.push(r);
							reported();
						}
					});

				let stop = schedule();
				let done = new Promise<void>((resolve) => (reported = resolve));
				vi.advanceTimersByTime(3_600_000);
				await done;
				expect(results.map((r) => r.ok)).toEqual([true]);
				expect(await listBackups(config.backup.dir)).toHaveLength(1);
				await stop();

				stop = schedule();
				done = new Promise<void>((resolve) => (reported = resolve));
				vi.advanceTimersByTime(3_600_000);
				await stop();
				await done;
				expect(results.map((r) => r.ok)).toEqual([true, false]);
				expect(await listBackups(config.backup.dir)).toHaveLength(1);
				expect((await readdir(config.backup.dir)).filter((n) => n.startsWith('.partial'))).toEqual(
					[]
				);
				vi.advanceTimersByTime(3_600_000);
				expect(results).toHaveLength(2);
				// Closed under fake timers, so that none of the app's own timers fires afterwards.
				await close(app);
			} finally {
				vi.useRealTimers();
			}
		},
		SLOW
	);
});
