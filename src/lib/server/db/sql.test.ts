import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Database } from './schema';
import { insertRows } from './sql';

// Compiling needs a dialect, not a connection: the pool is never asked for one.
const engines = {
	sqlite: new Kysely<Database>({
		dialect: new SqliteDialect({ database: new SQLite(':memory:') })
	}),
	postgres: new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) })
};

const annotation = (id: string, wardId: string | null) => ({
	id,
	organisation_id: 'o',
	on_date: '2026-03-02',
	text: `note ${id}`,
	ward_id: wardId,
	created_by: 's',
	created_at: '2026-03-02T10:00:00.000Z'
});
const rows = [annotation('a', 'w'), annotation('b', null), annotation('c', 'w')];

describe('insertRows', () => {
	it.each(Object.entries(engines))('is the insert Kysely compiles, on %s', (_, db) => {
		const kysely = db
			.insertInto('measure_annotation')
			.values(rows)
			.onConflict((oc) => oc.column('id').doNothing())
			.returning('id')
			.compile();
		const ours = insertRows(
			db,
			'measure_annotation',
			rows,
			'on conflict ("id") do nothing returning "id"'
		);
		expect(ours.sql).toBe(kysely.sql);
		expect(ours.parameters).toEqual(kysely.parameters);
	});
});
