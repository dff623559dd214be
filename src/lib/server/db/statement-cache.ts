import { LRUCache } from 'lru-cache';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/*
 * Kysely's SQLite driver prepares every query afresh (`db.prepare(sql)` on each execute), and
 * SQLite's parsing and planning is most of the cost of a small query. The same few hundred SQL
 * texts come back all day (parameters travel separately), so the driver is given a database
 * whose `prepare` keeps the statements it has made, by their SQL text, and hands the same one
 * back. Safe because Kysely runs one query at a time on this one connection (a streamed query
 * holds it until done), so a statement is never asked for while it is still being stepped; and a
 * schema change (a migration) makes SQLite re-prepare a kept statement itself.
 *
 * Bounded (least recently used first out), so SQL built with a varying number of placeholders
 * (a batch of N rows, `in (…)` lists) cannot grow it without end.
 */
export const STATEMENTS_KEPT = 500;

export function withStatementCache(
	database: SqliteDatabase,
	max = STATEMENTS_KEPT
): SqliteDatabase & { readonly kept: number } {
	const statements = new LRUCache<string, SqliteStatement>({ max });
	return {
		get kept() {
			return statements.size;
		},
		prepare(sql) {
			let statement = statements.get(sql);
			if (!statement) statements.set(sql, (statement = database.prepare(sql)));
			return statement;
		},
		close() {
			statements.clear();
			database.close();
		}
	};
}
