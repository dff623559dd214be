import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/*
 * What a migration needs to run on both engines (see the header of ../database.ts). Not a
 * migration: the list in database.ts names every migration.
 */

/** True on PostgreSQL (a pg pool, or PGlite in the tests); false on SQLite. */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * An integer id the database assigns: `integer primary key autoincrement` on SQLite (as shipped),
 * an identity column on PostgreSQL.
 */
export function generatedId(db: Kysely<unknown>) {
	return (c: ColumnDefinitionBuilder) =>
		isPostgres(db) ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
}

/** A floating-point column: `real` on SQLite (as shipped), `double precision` on PostgreSQL. */
export function floatType(db: Kysely<unknown>): 'real' | 'double precision' {
	return isPostgres(db) ? 'double precision' : 'real';
}
