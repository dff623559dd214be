import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { withStatementCache } from './statement-cache';

function open(max?: number) {
	const sqlite = new SQLite(':memory:');
	const prepare = vi.spyOn(sqlite, 'prepare');
	const cached = withStatementCache(sqlite, max);
	const db = new Kysely<{ t: { id: number; name: string } }>({
		dialect: new SqliteDialect({ database: cached })
	});
	return { db, prepare, cached };
}

describe('withStatementCache', () => {
	it('prepares a query once however often it runs, with its own parameters each time', async () => {
		const { db, prepare } = open();
		await sql`create table t (id integer primary key, name text)`.execute(db);
		for (let id = 1; id <= 50; id++)
			await db
				.insertInto('t')
				.values({ id, name: `n${id}` })
				.execute();
		const names = [];
		for (let id = 1; id <= 50; id++)
			names.push(
				(await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst())?.name
			);
		expect(names).toEqual(Array.from({ length: 50 }, (_, i) => `n${i + 1}`));
		// create, one insert, one select
		expect(prepare).toHaveBeenCalledTimes(3);
		await db.destroy();
	});

	it('keeps at most `max` statements, least recently used out first', async () => {
		const { db, cached, prepare } = open(2);
		await sql`create table t (id integer primary key, name text)`.execute(db);
		const byId = () => db.selectFrom('t').selectAll().where('id', '=', 1).execute();
		const byName = () => db.selectFrom('t').selectAll().where('name', '=', 'x').execute();
		await byId();
		await byName();
		expect(cached.kept).toBe(2);
		await byId(); // kept
		expect(prepare).toHaveBeenCalledTimes(3);
		await sql`select 1`.execute(db); // pushes out the least recently used: create, then byName
		await byName();
		expect(prepare).toHaveBeenCalledTimes(5);
		expect(cached.kept).toBe(2);
		await db.destroy();
	});

	it('reads the schema as it now stands after a change (a migration)', async () => {
		const { db } = open();
		await sql`create table t (id integer primary key, name text)`.execute(db);
		await db.insertInto('t').values({ id: 1, name: 'a' }).execute();
		const all = () => sql<Record<string, unknown>>`select * from t`.execute(db);
		expect((await all()).rows).toEqual([{ id: 1, name: 'a' }]);
		await sql`alter table t add column extra text default 'x'`.execute(db);
		expect((await all()).rows).toEqual([{ id: 1, name: 'a', extra: 'x' }]);
		await db.destroy();
	});

	it('streams with a kept statement and can run it again afterwards', async () => {
		const { db } = open();
		await sql`create table t (id integer primary key, name text)`.execute(db);
		await db
			.insertInto('t')
			.values([
				{ id: 1, name: 'a' },
				{ id: 2, name: 'b' }
			])
			.execute();
		const query = () => db.selectFrom('t').select('name').orderBy('id');
		const streamed = [];
		for await (const row of query().stream()) streamed.push(row.name);
		expect(streamed).toEqual(['a', 'b']);
		expect((await query().execute()).map((r) => r.name)).toEqual(['a', 'b']);
		await db.destroy();
	});
});
