import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test-support/test-database';
import type { Db } from './database';
import type { Database } from './schema';
import { insertRows } from './sql';

const window = (key: string, count: number) => ({
	key,
	window_start: '2026-03-02T10:00:00.000Z',
	count,
	expires_at: '2026-03-02T10:02:00.000Z'
});
const rows = [window('a', 1), window('b', 2), window('c', 3)];
const tail = 'on conflict ("key", "window_start") do nothing returning "key"';

describe('insertRows', () => {
	let db: Db | undefined;
	afterEach(() => db?.destroy());

	it("is on SQLite the insert Kysely compiles, so one statement serves each batch's size", () => {
		const sqlite = new Kysely<Database>({
			dialect: new SqliteDialect({ database: new SQLite(':memory:') })
		});
		const kysely = sqlite
			.insertInto('rate_limit_window')
			.values(rows)
			.onConflict((oc) => oc.columns(['key', 'window_start']).doNothing())
			.returning('key')
			.compile();
		const ours = insertRows(sqlite, 'rate_limit_window', rows, { tail });
		expect(ours.sql).toBe(kysely.sql);
		expect(ours.parameters).toEqual(kysely.parameters);
	});

	it('stores every row, integers as integers, and returns what it inserted', async () => {
		db = await openTestDatabase();
		await db.insertInto('rate_limit_window').values(window('b', 9)).execute();
		const insert = insertRows(db, 'rate_limit_window', rows, { tail, integers: ['count'] });
		const { rows: inserted } = await db.executeQuery(insert);
		expect(inserted.map((r) => r.key).sort()).toEqual(['a', 'c']);
		const stored = await db
			.selectFrom('rate_limit_window')
			.select(['key', 'count'])
			.orderBy('key')
			.execute();
		expect(stored).toEqual([
			{ key: 'a', count: 1 },
			{ key: 'b', count: 9 },
			{ key: 'c', count: 3 }
		]);
	});
});
