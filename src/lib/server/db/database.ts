import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
import * as ssoClientAuth from './migrations/018-sso-client-auth';
import type { Database } from './schema';

export type Db = Kysely<Database>;

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
	'018-sso-client-auth': ssoClientAuth
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

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

/** Applies every migration not yet applied; throws, leaving the database as it was, on failure. */
export async function migrate(db: Db): Promise<string[]> {
	const migrator = new Migrator({ db, provider });
	const { error, results } = await migrator.migrateToLatest();
	if (error) throw error instanceof Error ? error : new Error(String(error));
	return (results ?? []).map((r) => r.migrationName);
}

/** Runs `work` in a transaction, joining the caller's if there is one already. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}
