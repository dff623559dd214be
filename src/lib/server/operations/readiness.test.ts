import { sql } from 'kysely';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test-support/test-database';
import { checkReadiness } from './readiness';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const uploads = () => {
	const dir = mkdtempSync(join(tmpdir(), 'ready-'));
	dirs.push(dir);
	return dir;
};

describe('readiness', () => {
	it('is ready with the database migrated, storage writable and not shutting down', async () => {
		const db = await openTestDatabase();
		try {
			const app = { db, uploadsDir: uploads(), shuttingDown: false };
			expect(await checkReadiness(app)).toEqual({
				ready: true,
				database: true,
				migrations: true,
				storage: true,
				accepting: true
			});
			expect(await checkReadiness({ ...app, shuttingDown: true })).toMatchObject({
				ready: false,
				accepting: false
			});
			// A migration this release knows but the database has not had.
			await sql`delete from kysely_migration where name = '033-retention'`.execute(db);
			expect(await checkReadiness(app)).toMatchObject({ ready: false, migrations: false });
			await sql`insert into kysely_migration (name, timestamp) values ('033-retention', '2026-12-04T00:00:00.000Z')`.execute(
				db
			);
		} finally {
			await db.destroy();
		}
	});

	it('is not ready when uploads cannot be written, or the database does not answer', async () => {
		const db = await openTestDatabase();
		// A file where the uploads folder should be: nothing can be stored (as a full or
		// read-only mount; a folder's mode would not stop root).
		const blocked = join(uploads(), 'uploads');
		writeFileSync(blocked, 'not a folder');
		const app = { db, uploadsDir: blocked, shuttingDown: false };
		expect(await checkReadiness(app)).toMatchObject({
			ready: false,
			storage: false,
			database: true
		});
		await db.destroy();
		expect(await checkReadiness(app)).toMatchObject({
			ready: false,
			database: false,
			migrations: false
		});
	});
});
