import type { Kysely } from 'kysely';

/*
 * Rate limits counted across app servers (issue 14, part 5). 004 kept one row per hit and
 * counted them before inserting: a read then a write, which two servers on PostgreSQL can both
 * pass at once. Now each key has one counter per fixed window, raised by a single
 * `insert … on conflict … do update set count = count + 1 where count < allowance returning
 * count` (portable: SQLite ≥ 3.35 and PostgreSQL), so the database decides, atomically, whether
 * a hit fits (see rate-limit.ts). `expires_at` is when the row stops mattering (the end of the
 * window after it, which still weighs it), for the sweep.
 *
 * The old hits are dropped rather than carried over: they are at most an hour of per-address
 * counts, and a limit that starts afresh once, at an upgrade, harms nobody.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
	await db.schema
		.createTable('rate_limit_window')
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('window_start', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('rate_limit_window_pk', ['key', 'window_start'])
		.execute();
	await db.schema
		.createIndex('rate_limit_window_expires')
		.on('rate_limit_window')
		.column('expires_at')
		.execute();
	await db.schema.dropTable('rate_limit_hit').execute();
}

export async function down(db: AnyDb): Promise<void> {
	// 004's table (on SQLite an integer primary key numbers itself, as 004's did).
	await db.schema
		.createTable('rate_limit_hit')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('rate_limit_hit_key_at')
		.on('rate_limit_hit')
		.columns(['key', 'at'])
		.execute();
	await db.schema.dropTable('rate_limit_window').execute();
}
