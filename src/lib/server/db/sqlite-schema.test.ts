import { sql } from 'kysely';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './database';

/*
 * Pins the SQLite schema every shipped migration produces, statement for statement, so that
 * making the migrations run on PostgreSQL too cannot change what an existing SQLite install
 * gets. `sqlite-schema.sql` was written from the migrations as they stood before the PostgreSQL
 * branches were added. A new migration changes it on purpose: append its statements there.
 */
describe('the SQLite schema of the migrations', () => {
	it('is exactly the pinned one', async () => {
		const db = openDatabase(':memory:');
		try {
			await migrate(db);
			const { rows } = await sql<{ sql: string }>`select sql from sqlite_master
				where sql is not null and name not like 'kysely_%' order by type, name`.execute(db);
			const pinned = readFileSync(new URL('./sqlite-schema.sql', import.meta.url), 'utf8');
			expect(rows.map((r) => `${r.sql};`).join('\n') + '\n').toBe(pinned);
		} finally {
			await db.destroy();
		}
	});
});
