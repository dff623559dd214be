import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openPostgres } from './database';

/*
 * DATABASE_READ_URL's pool on a real PostgreSQL server (vite.config.ts runs this file only with
 * TEST_DATABASE_URL): even pointed at a writable database, a write sent there fails loudly.
 */
describe('the read pool', () => {
	it('starts every connection read-only, so a write is refused, and reads as usual', async () => {
		const db = openPostgres(process.env.TEST_DATABASE_URL!, { readOnly: true, max: 2 });
		try {
			const { rows } = await sql<{
				default_transaction_read_only: string;
			}>`show default_transaction_read_only`.execute(db);
			expect(rows).toEqual([{ default_transaction_read_only: 'on' }]);
			await expect(sql`create table read_pool_probe (x integer)`.execute(db)).rejects.toThrow(
				'cannot execute CREATE TABLE in a read-only transaction'
			);
			await expect(
				db
					.transaction()
					.execute((trx) => sql`create table read_pool_probe (x integer)`.execute(trx))
			).rejects.toThrow(/read-only transaction/);
			expect((await sql<{ n: number }>`select 1 + 1 as n`.execute(db)).rows).toEqual([{ n: 2 }]);
		} finally {
			await db.destroy();
		}
	});
});
