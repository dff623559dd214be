import SQLite from 'better-sqlite3';
import {
	Kysely,
	Migrator,
	PostgresDialect,
	SqliteDialect,
	type Migration,
	type MigrationProvider
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import * as initial from './migrations/001-initial';
import * as deliverySync from './migrations/002-delivery-sync';
import * as retiredAtAndAgeBands from './migrations/003-retired-at-and-age-bands';
import * as patientFeedback from './migrations/004-patient-feedback';
import * as audit from './migrations/005-audit';
import * as measurement from './migrations/006-measurement';
import * as contentGovernance from './migrations/007-content-governance';
import * as patientGroupRevision from './migrations/008-patient-group-revision';
import * as wardMeasures from './migrations/009-ward-measures';
import * as record from './migrations/010-record';
import * as localtime from './migrations/011-localtime';
import * as fhir from './migrations/014-fhir';
import * as organisations from './migrations/015-organisations';
import * as tenancy from './migrations/016-tenancy';
import * as signInOrganisation from './migrations/017-sign-in-organisation';
import * as ssoClientAuth from './migrations/018-sso-client-auth';
import * as dayCountsOnWrite from './migrations/019-day-counts-on-write';
import * as rateLimitWindows from './migrations/023-rate-limit-windows';
import * as pendingPackImports from './migrations/024-pending-pack-imports';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/*
 * Two engines, one migration set.
 *
 * SQLite (a file, the default) or PostgreSQL (`DATABASE_URL=postgres://…`). Every migration runs
 * on both. How to write one:
 * - use Kysely's schema builder; text ids (uuid v7) or an integer the code assigns; ISO
 *   timestamps as `text`; flags as `integer` 0/1; `double precision`, never `real`;
 * - where the engines must differ (an identity column, a table rebuild SQLite needs because it
 *   cannot alter a constraint, `rowid`, pragmas), branch with `isPostgres(db)` from
 *   `migrations/portable.ts`, and keep the SQLite branch byte for byte what shipped: the SQLite
 *   schema of every migration is pinned by `schema-pin.test.ts`;
 * - on PostgreSQL the Migrator runs every pending migration in one transaction, under an
 *   advisory lock (two servers starting together migrate once); on SQLite each runs outside a
 *   transaction (so a rebuild may turn foreign keys off) and a migration that needs one opens it.
 * Queries that differ between the engines live in `sql.ts`, nowhere else.
 */

/** Migrations in order; append, never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
	'001-initial': initial,
	'002-delivery-sync': deliverySync,
	'003-retired-at-and-age-bands': retiredAtAndAgeBands,
	'004-patient-feedback': patientFeedback,
	'005-audit': audit,
	'006-measurement': measurement,
	'007-content-governance': contentGovernance,
	'008-patient-group-revision': patientGroupRevision,
	'009-ward-measures': wardMeasures,
	'010-record': record,
	'011-localtime': localtime,
	'014-fhir': fhir,
	'015-organisations': organisations,
	'016-tenancy': tenancy,
	'017-sign-in-organisation': signInOrganisation,
	'018-sso-client-auth': ssoClientAuth,
	'019-day-counts-on-write': dayCountsOnWrite,
	'023-rate-limit-windows': rateLimitWindows,
	'024-pending-pack-imports': pendingPackImports
};

/**
 * Opens (creating if need be) the SQLite file with WAL journalling and foreign keys on.
 * `:memory:` gives a private database, for unit tests.
 *
 * `synchronous = FULL`: every commit waits for the WAL to reach the disk (fsync) before it
 * returns. With NORMAL, WAL commits are only synced at checkpoints, so a power cut can lose the
 * last transactions — a sync batch the device was told was stored, and deleted from its outbox.
 * What "stored" means on each engine: docs/architecture.md, "Durability".
 */
export function openDatabase(file: string): Db {
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/*
 * pg returns bigint (count(*)) and numeric (sum() of integers) as strings, so that nothing is
 * rounded; our counts fit a double many times over, so both are numbers here, as on SQLite.
 */
const numericTypes = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
export const pgTypes = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		numericTypes.has(oid)
			? (value: string) => Number(value)
			: pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
};

/**
 * A pool of connections to the PostgreSQL server at `url` (postgres://user@host:port/db).
 * `readOnly`: every connection starts with `default_transaction_read_only` on (a startup option
 * the server applies before the first query), so a write sent to a read pool fails loudly
 * ("cannot execute … in a read-only transaction") even when the URL names a primary.
 */
export function openPostgres(url: string, options: { max?: number; readOnly?: boolean } = {}): Db {
	const pool = new pg.Pool({
		connectionString: url,
		max: options.max ?? 10,
		types: pgTypes,
		...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {})
	});
	// An idle connection the server drops must not take the process down with it.
	pool.on('error', (error) => console.error(`PostgreSQL: ${error.message}`));
	return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else the file. */
export function openConfigured(config: { databaseUrl: string | null; databaseFile: string }): Db {
	return config.databaseUrl ? openPostgres(config.databaseUrl) : openDatabase(config.databaseFile);
}

export { isPostgres } from './migrations/portable';

/**
 * Applies every migration not yet applied; on failure throws naming the migration and the reason,
 * the failed migration rolled back (on PostgreSQL, every migration of the run).
 * On PostgreSQL Kysely takes an advisory lock first (pg_advisory_xact_lock), so of two servers
 * starting together one migrates and the other then finds nothing left to do.
 */
export async function migrate(
	db: Db,
	list: Record<string, Migration> = migrations
): Promise<string[]> {
	const provider: MigrationProvider = { getMigrations: async () => list };
	const migrator = new Migrator({ db, provider });
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName;
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`Migration ${failed ?? '(none)'} failed and was rolled back: ${reason}`, {
			cause: error
		});
	}
	return (results ?? []).map((r) => r.migrationName);
}

/** Runs `work` in a transaction, joining the caller's if there is one already. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}
