import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabasePair } from '../test-support/test-database';
import { inTransaction, type Db } from './database';

/*
 * Two app servers' transactions that wait on each other, on a real PostgreSQL server: it breaks
 * the deadlock by failing one of them (40P01). `inTransaction` runs that one again, so both
 * servers' work is stored and neither answers 500. (Only on a server: PGlite has one connection,
 * and SQLite has one writer.)
 */

let a: Db;
let b: Db;

beforeAll(async () => {
	[a, b] = await openTestDatabasePair();
	await sql`create table deadlock_probe (id integer primary key, n integer not null)`.execute(a);
	await sql`insert into deadlock_probe values (1, 0), (2, 0)`.execute(a);
});

afterAll(async () => {
	await sql`drop table deadlock_probe`.execute(a);
	await b.destroy();
	await a.destroy();
});

/** A promise and the function that settles it. */
function signal(): { reached: Promise<void>; reach: () => void } {
	let reach = () => {};
	const reached = new Promise<void>((resolve) => (reach = resolve));
	return { reached, reach };
}

describe('inTransaction on PostgreSQL', () => {
	it('runs again the transaction PostgreSQL failed to break a deadlock', async () => {
		const aHoldsOne = signal();
		const bHoldsTwo = signal();
		const attempts = { a: 0, b: 0 };
		// Each locks one row, waits until the other has locked the other row, then wants it.
		const crossing = (db: Db, name: 'a' | 'b', first: number, second: number) =>
			inTransaction(db, async (trx) => {
				attempts[name]++;
				await sql`update deadlock_probe set n = n + 1 where id = ${first}`.execute(trx);
				(name === 'a' ? aHoldsOne : bHoldsTwo).reach();
				await (name === 'a' ? bHoldsTwo : aHoldsOne).reached;
				await sql`update deadlock_probe set n = n + 10 where id = ${second}`.execute(trx);
			});
		await Promise.all([crossing(a, 'a', 1, 2), crossing(b, 'b', 2, 1)]);
		// One of them was the deadlock's victim and ran again (on a busy machine PostgreSQL may
		// pick a victim again: seen once in CI, 4 tries); each committed once (the rows below).
		expect(attempts.a + attempts.b).toBeGreaterThanOrEqual(3);
		const { rows } = await sql<{ id: number; n: number }>`select id, n from deadlock_probe
			order by id`.execute(a);
		expect(rows).toEqual([
			{ id: 1, n: 11 },
			{ id: 2, n: 11 }
		]);
	});
});
