import SQLite from 'better-sqlite3';
import {
	Kysely,
	Migrator,
	PostgresDialect,
	SqliteDialect,
	sql,
	type LogEvent,
	type Migration,
	type MigrationProvider,
	type MigrationResultSet
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { withStatementCache } from './statement-cache';
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
import * as noJit from './migrations/027-no-jit';
import * as retention from './migrations/033-retention';
import * as library from './migrations/034-library';
import * as libraryLessons from './migrations/035-library-lessons';
import * as regional from './migrations/036-regional';
import * as patientLinks from './migrations/037-patient-links';
import * as translationSources from './migrations/039-translation-sources';
import * as posterCodes from './migrations/040-poster-codes';
import * as returnSnapshots from './migrations/041-return-snapshots';
import * as mail from './migrations/042-mail';
import * as regionalImports from './migrations/043-regional-imports';
import * as aimClosing from './migrations/044-aim-closing';
import * as feedbackSubmission from './migrations/045-feedback-submission';
import * as heldRecords from './migrations/046-held-records';
import * as withdrawnNotReturned from './migrations/047-withdrawn-not-returned';
import { isPostgres } from './migrations/portable';
import type { Database } from './schema';
import { isSqliteBusy, isPostgresConflict, ReadChangedSince } from './sql';
import { logger, noteQuery } from '../operations/log';

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
	'024-pending-pack-imports': pendingPackImports,
	'027-no-jit': noJit,
	'033-retention': retention,
	'034-library': library,
	'035-library-lessons': libraryLessons,
	'036-regional': regional,
	'037-patient-links': patientLinks,
	'039-translation-sources': translationSources,
	'040-poster-codes': posterCodes,
	'041-return-snapshots': returnSnapshots,
	'042-mail': mail,
	'043-regional-imports': regionalImports,
	'044-aim-closing': aimClosing,
	'045-feedback-submission': feedbackSubmission,
	'046-held-records': heldRecords,
	'047-withdrawn-not-returned': withdrawnNotReturned
};

/**
 * Opens (creating if need be) the SQLite file with WAL journalling and foreign keys on.
 * `:memory:` gives a private database, for unit tests.
 *
 * `synchronous = FULL`: every commit waits for the WAL to reach the disk (fsync) before it
 * returns. With NORMAL, WAL commits are only synced at checkpoints, so a power cut can lose the
 * last transactions — a sync batch the device was told was stored, and deleted from its outbox.
 * What "stored" means on each engine: docs/architecture.md, "Durability".
 * Statements are prepared once per SQL text and kept (db/statement-cache.ts).
 */
export function openDatabase(file: string): Db {
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
		log: timeQueries
	});
	sqliteConnections.set(db, sqlite);
	return db;
}

const sqliteConnections = new WeakMap<Db, SQLite.Database>();

/** The SQLite connection under a database openDatabase made (the backup uses it); else null. */
export function sqliteConnectionOf(db: Db): SQLite.Database | null {
	return sqliteConnections.get(db) ?? null;
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
	pool.on('error', (error) => logger.error(`PostgreSQL: ${error.message}`));
	return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: timeQueries });
}

/** Each query's time, added to the request that asked it (its log line, Server-Timing). */
export const timeQueries = (event: LogEvent) => noteQuery(event.queryDurationMillis);

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else the file. */
export function openConfigured(config: { databaseUrl: string | null; databaseFile: string }): Db {
	return config.databaseUrl ? openPostgres(config.databaseUrl) : openDatabase(config.databaseFile);
}

export { isPostgres };

/**
 * Applies every migration not yet applied; on failure throws naming the migration and the reason,
 * the failed migration rolled back (on PostgreSQL, every migration of the run).
 * On PostgreSQL the run holds a transaction-level advisory lock (`migratePostgres`), so of two
 * servers starting together one migrates and the other then finds nothing left to do.
 */
export async function migrate(
	db: Db,
	list: Record<string, Migration> = migrations
): Promise<string[]> {
	const provider: MigrationProvider = { getMigrations: async () => list };
	const { error, results } = isPostgres(db)
		? await migratePostgres(db, provider)
		: await underSqliteMigrationLock(db, () => new Migrator({ db, provider }).migrateToLatest());
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName;
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`Migration ${failed ?? '(none)'} failed and was rolled back: ${reason}`, {
			cause: error
		});
	}
	return (results ?? []).map((r) => r.migrationName);
}

/** Kysely's own migration lock key, so that its Migrator and ours exclude each other. */
const MIGRATION_LOCK_KEY = sql.lit(BigInt('3853314791062309107'));

/**
 * The whole run in one transaction that holds a transaction-level advisory lock.
 *
 * Kysely's Migrator takes a session-level lock (`pg_advisory_lock`) before its transaction and
 * lets it go after: three separate transactions. Through a pooler in transaction mode (PgBouncer,
 * as docs/deploy.md recommends) each may reach a different server connection, so the unlock could
 * miss and the lock stay held by a pooled connection, and the next server to start would wait an
 * hour. Here the lock is `pg_advisory_xact_lock`, taken inside the one transaction the run is, so
 * it goes with the commit or rollback, wherever the pooler sends it. (The Migrator's own lock,
 * taken and freed inside that transaction, is then only a formality: a session may take a lock it
 * holds.)
 */
async function migratePostgres(db: Db, provider: MigrationProvider): Promise<MigrationResultSet> {
	return db.connection().execute(async (connection) => {
		await sql`begin`.execute(connection);
		try {
			await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(connection);
			const migrator = new Migrator({ db: connection, provider, disableTransactions: true });
			const outcome = await migrator.migrateToLatest();
			await sql.raw(outcome.error ? 'rollback' : 'commit').execute(connection);
			return outcome;
		} catch (error) {
			await sql`rollback`.execute(connection).catch(() => undefined);
			throw error;
		}
	});
}

/** How long a server waits for another process's SQLite migrations before refusing to start. */
const MIGRATION_LOCK_MS = 10 * 60_000;

/**
 * Kysely takes no migration lock on SQLite, and our migrations run there outside a transaction,
 * so two processes opening a new file together (two servers, or a server and `npm run admin`)
 * both ran 001 and one refused to start ("table already exists"). So the run holds an exclusive
 * lock on a small file beside the database (`<file>-migrating`), which the operating system
 * lets go if the process dies: the second waits, then finds nothing left to do.
 */
async function underSqliteMigrationLock<T>(db: Db, work: () => Promise<T>): Promise<T> {
	const { rows } = await sql<{ file: string }>`select file from pragma_database_list
		where name = 'main'`.execute(db);
	const file = rows[0]?.file;
	if (!file) return work(); // :memory: is this connection's alone
	const lock = new SQLite(`${file}-migrating`);
	try {
		// Waited for here, between tries, not in SQLite: the holder may be this very process.
		lock.pragma('busy_timeout = 0');
		const started = Date.now();
		for (;;) {
			try {
				lock.exec('begin exclusive');
				break;
			} catch (error) {
				if (!isSqliteBusy(error) || Date.now() - started > MIGRATION_LOCK_MS) throw error;
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		}
		return await work();
	} finally {
		if (lock.inTransaction) lock.exec('rollback');
		lock.close();
	}
}

/** How long a transaction refused by another SQLite connection is tried again: the busy timeout. */
const BUSY_RETRY_MS = 5000;

/**
 * Runs `work` in a transaction, joining the caller's if there is one already.
 *
 * Two connections to one SQLite file (two server processes): a transaction begins as a reader
 * and becomes the writer at its first write. If the other connection holds the write lock then,
 * or has committed since this one's first read, SQLite refuses at once (SQLITE_BUSY,
 * SQLITE_BUSY_SNAPSHOT): the busy timeout waits only for a lock taken from outside a
 * transaction, never for a reader turning writer, whose reads may be stale. So the whole
 * transaction runs again, reading afresh, after a short random pause, for up to the busy
 * timeout; `work` must touch nothing but the database. PostgreSQL waits on its locks instead
 * (rows, `lockFor`), but when two transactions wait on each other it breaks the deadlock by
 * failing one (40P01), and a serializable transaction may fail to serialize (40001): that one is
 * run again too, as PostgreSQL's manual advises, rather than a sync answering 500. So is one
 * whose own write found its reads out of date (`ReadChangedSince`).
 * Proved with two handles on one database: the `*two-servers.test.ts` files and
 * `transaction-retry-postgres.test.ts`.
 */
export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	if (db.isTransaction) return work(db);
	const started = Date.now();
	for (let attempt = 1; ; attempt++) {
		try {
			return await db.transaction().execute(work);
		} catch (error) {
			const mayRunAgain =
				error instanceof ReadChangedSince || isSqliteBusy(error) || isPostgresConflict(error);
			if (!mayRunAgain || Date.now() - started > BUSY_RETRY_MS) throw error;
			const pauseMs = Math.random() * Math.min(50, 2 ** attempt);
			await new Promise((resolve) => setTimeout(resolve, pauseMs));
		}
	}
}
