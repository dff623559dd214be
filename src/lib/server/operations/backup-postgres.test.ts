import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../config';
import { applyChanges } from '../sync/apply-changes';
import { staffAccountByEmail } from '../test-support/accounts';
import { backupWhileWardSyncs, storedIds } from '../test-support/backups';
import { serverApps } from '../test-support/server-apps';
import { demoWardCatalogue, recordChange, wardRecord } from '../test-support/ward-records';
import { RestoreRefused, restoreBackup } from './backup';

/*
 * A backup of a hosted service's PostgreSQL database (pg_dump) and its restore (pg_restore),
 * the real commands against the server of TEST_DATABASE_URL (vite.config.ts runs this file only
 * then), into databases of their own made here and dropped after. The SQLite side, and what a
 * restore refuses before touching anything: backup.test.ts.
 */

// Seeding hashes a password per demo account (argon2); a busy machine takes seconds.
const SLOW = 180_000;
const { folder, start, close, cleanUp } = serverApps();
const databases: string[] = [];

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** A new, empty database on the test server; its URL. */
async function emptyDatabase(role: string): Promise<string> {
	const name = `h3_backup_${role}_${process.pid}`;
	await admin(async (client) => {
		await client.query(`drop database if exists ${name} with (force)`);
		await client.query(`create database ${name}`);
	});
	databases.push(name);
	const url = new URL(process.env.TEST_DATABASE_URL!);
	url.pathname = `/${name}`;
	return url.href;
}

afterEach(async () => {
	await cleanUp();
	const names = databases.splice(0);
	await admin(async (client) => {
		for (const name of names) await client.query(`drop database if exists ${name} with (force)`);
	});
});

describe('a PostgreSQL backup taken while a ward syncs', () => {
	it(
		'restored into an empty database, a server started on it has every record acknowledged before the backup began; a database with tables is replaced only when forced',
		async () => {
			const dataDir = folder('pg-backup-live');
			const app = await start(dataDir, { DATABASE_URL: await emptyDatabase('source') });
			const { backup, before, acknowledged } = await backupWhileWardSyncs(app, {
				engine: 'postgresql'
			});
			expect(acknowledged.length).toBeGreaterThan(before.length); // it really synced meanwhile
			expect(backup.manifest.engine).toBe('postgresql');
			expect(backup.manifest.files.map((f) => f.path)).toEqual([
				'database.pgdump',
				'uploads/a1b2.mp4',
				'sso-secret.key'
			]);

			// A new machine: an empty data folder and an empty database.
			const fresh = folder('pg-restored');
			const config = readConfig({ DATA_DIR: fresh, DATABASE_URL: await emptyDatabase('target') });
			await restoreBackup(backup.dir, config);
			const restored = await start(fresh, { DATABASE_URL: config.databaseUrl! });
			const ids = await storedIds(restored);
			expect(before.filter((id) => !ids.has(id))).toEqual([]);
			// And only records the ward was told were stored: none of a batch the dump caught midway.
			expect([...ids].filter((id) => !acknowledged.includes(id))).toEqual([]);
			expect(readFileSync(join(fresh, 'uploads', 'a1b2.mp4'), 'utf8')).toBe('not really a video');
			expect(readFileSync(join(fresh, 'sso-secret.key'))).toEqual(
				readFileSync(join(dataDir, 'sso-secret.key'))
			);
			// The restored service takes the ward's next records as any other.
			const next = wardRecord(await demoWardCatalogue(restored.db), new Date(), true);
			const restoredNurse = await staffAccountByEmail(restored.db, 'ward7@demo.example');
			expect(await applyChanges(restored.db, restoredNurse, [recordChange(next)])).toEqual([
				expect.objectContaining({ id: next.id, status: 'accepted' })
			]);

			// Restoring again over the database now in use is refused, and replaces it if forced.
			await close(restored);
			await expect(restoreBackup(backup.dir, config)).rejects.toThrow(RestoreRefused);
			await expect(restoreBackup(backup.dir, config)).rejects.toThrow(
				/the PostgreSQL database has tables.*add --force to replace the tables/
			);
			await restoreBackup(backup.dir, config, { force: true });
			const replaced = await start(fresh, { DATABASE_URL: config.databaseUrl! });
			const afterForce = await storedIds(replaced);
			expect(afterForce.has(next.id)).toBe(false);
			expect([...afterForce].sort()).toEqual([...ids].sort());
		},
		SLOW
	);
});
