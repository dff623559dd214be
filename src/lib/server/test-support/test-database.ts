import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { deleteAllRows } from '../db/copy';
import { migrate, openDatabase, pgTypes, timeQueries, type Db } from '../db/database';
import type { Database } from '../db/schema';
import { PGliteDialect } from './pglite-dialect';

/*
 * The one way a unit test opens a database: `openTestDatabase()`, migrated and empty, on the
 * engine the Vitest project names (vite.config.ts runs the suite once per engine):
 * - sqlite: a private `:memory:` database;
 * - postgres: a real server when TEST_DATABASE_URL is set, else PGlite in this process.
 *
 * PostgreSQL is made fast by migrating once (test-database-setup.ts: a template database on the
 * server, a data-directory dump for PGlite) and then reusing: each test file holds a few "slots"
 * (a database made from the template, or a PGlite loaded from the dump), and a test's open takes
 * a slot no running test holds and empties it (`empty`: its rows deleted, its sequences set
 * back). A slot is held by the test that opened it (or, opened in beforeAll, by the whole file)
 * until destroyed or the next test opens one, so a test may open two databases at once.
 *
 * Two app servers on one database: `openTestDatabasePair()` gives two handles on ONE migrated,
 * empty database, each with its own connections, as two servers' pools would be:
 * - sqlite: a temporary file opened twice with `openDatabase` (two connections, WAL, busy
 *   timeout), removed when both are destroyed;
 * - postgres server: the slot's database through two `pg` pools (the second made for the pair);
 * - PGlite: the same instance twice. It has one connection, so the two handles' queries take
 *   turns there (a transaction holds it until it ends): the dialect is checked, not concurrency.
 * The pair holds its slot as `openTestDatabase` does; destroying the first handle frees it.
 */

export type TestEngine = 'sqlite' | 'postgres';

export const testEngine: TestEngine =
	process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** What the global setup hands each test file (see tests/support/test-database-setup.ts). */
export type TestDatabaseSource =
	| { kind: 'sqlite' }
	| { kind: 'server'; adminUrl: string; template: string; prefix: string }
	| { kind: 'pglite'; dumpFile: string };

declare module 'vitest' {
	export interface ProvidedContext {
		testDatabase: TestDatabaseSource;
	}
}

interface Slot {
	/** The test holding the slot; null: the file's (opened outside any test); undefined: free. */
	holder: string | null | undefined;
	dirty: boolean;
	dialect: () => PostgresDialect | PGliteDialect;
	/** A dialect with connections of its own on the same database: a second server's. */
	secondDialect: () => PostgresDialect | PGliteDialect;
}

const slots: Slot[] = [];

/** Opens a migrated, empty database on the engine under test. */
export async function openTestDatabase(): Promise<Db> {
	if (testEngine === 'sqlite') {
		const db = openDatabase(':memory:');
		await migrate(db);
		return db;
	}
	return (await takeSlot()).db;
}

/** Two handles, each with its own connections, on one migrated, empty database (see above). */
export async function openTestDatabasePair(): Promise<[Db, Db]> {
	if (testEngine === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'sbt-pair-'));
		const file = join(dir, 'toolkit.sqlite');
		const first = openDatabase(file);
		await migrate(first);
		const pair: [Db, Db] = [first, openDatabase(file)];
		let open = pair.length;
		for (const db of pair) {
			const destroy = db.destroy.bind(db);
			db.destroy = async () => {
				await destroy();
				if (--open === 0) rmSync(dir, { recursive: true, force: true });
			};
		}
		return pair;
	}
	const { db, slot } = await takeSlot();
	return [db, new Kysely<Database>({ dialect: slot.secondDialect(), log: timeQueries })];
}

async function takeSlot(): Promise<{ db: Db; slot: Slot }> {
	const holder = expect.getState().currentTestName ?? null;
	let slot = slots.find((s) => s.holder === undefined || (s.holder && s.holder !== holder));
	if (!slot) {
		slot = await newSlot(slots.length);
		slots.push(slot);
	}
	slot.holder = holder;
	const db = new Kysely<Database>({ dialect: slot.dialect(), log: timeQueries });
	if (slot.dirty) await empty(db);
	slot.dirty = true;
	const taken = slot;
	const destroy = db.destroy.bind(db);
	db.destroy = async () => {
		await destroy();
		if (taken.holder === holder) taken.holder = undefined;
	};
	return { db, slot };
}

async function newSlot(n: number): Promise<Slot> {
	const source = inject('testDatabase');
	if (source.kind === 'pglite') {
		const dump = new Blob([readFileSync(source.dumpFile)]);
		const pglite = await PGlite.create({ loadDataDir: dump, parsers: pgliteParsers });
		const dialect = () => new PGliteDialect(pglite);
		return { holder: undefined, dirty: false, dialect, secondDialect: dialect };
	}
	if (source.kind !== 'server') throw new Error('openTestDatabase: no PostgreSQL was set up');
	const name = `${source.prefix}_w${process.env.VITEST_POOL_ID ?? '0'}_${n}`;
	const admin = new pg.Client({ connectionString: source.adminUrl });
	await admin.connect();
	let dirty = true;
	try {
		await admin.query(`create database ${name} template ${source.template}`);
		dirty = false;
	} catch (error) {
		// Made by an earlier test file in this worker: emptied on first use.
		if ((error as { code?: string }).code !== '42P04') throw error;
	} finally {
		await admin.end();
	}
	const url = new URL(source.adminUrl);
	url.pathname = `/${name}`;
	const newPool = () =>
		new pg.Pool({
			connectionString: url.href,
			max: 4,
			idleTimeoutMillis: 1000,
			allowExitOnIdle: true,
			types: pgTypes
		});
	// Kysely's destroy() ends its pool; the slot's pools outlive each Kysely that borrows one.
	const borrow = (pool: pg.Pool) => ({ connect: () => pool.connect(), end: async () => {} });
	const pool = newPool();
	let second: pg.Pool | undefined;
	return {
		holder: undefined,
		dirty,
		dialect: () => new PostgresDialect({ pool: borrow(pool) }),
		secondDialect: () => new PostgresDialect({ pool: borrow((second ??= newPool())) })
	};
}

/** Counts come back as numbers on every engine (see pgTypes in database.ts). */
const pgliteParsers = {
	20: (value: string) => Number(value),
	1700: (value: string) => Number(value)
};

/**
 * Makes every insert into `table` fail with `message`: a stand-in for a failure part-way through
 * a transaction, such as a full disk. The trigger goes when the slot is next emptied.
 */
export async function failInsertsInto(db: Db, table: string, message: string): Promise<void> {
	const name = `fail_${table}`;
	if (testEngine === 'sqlite') {
		await sql`create trigger ${sql.id(name)} before insert on ${sql.table(table)}
			begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
		return;
	}
	await sql`create function ${sql.id(name)}() returns trigger language plpgsql
		as ${sql.lit(`begin raise exception '${message}'; end`)}`.execute(db);
	await sql`create trigger ${sql.id(name)} before insert on ${sql.table(table)}
		for each row execute function ${sql.id(name)}()`.execute(db);
}

/** Undoes failInsertsInto. */
export async function stopFailingInserts(db: Db, table: string): Promise<void> {
	const name = `fail_${table}`;
	if (testEngine === 'sqlite') {
		await sql`drop trigger ${sql.id(name)}`.execute(db);
		return;
	}
	await sql`drop trigger ${sql.id(name)} on ${sql.table(table)}`.execute(db);
	await sql`drop function ${sql.id(name)}()`.execute(db);
}

/**
 * Empties a slot for its next test: every data table's rows deleted (as `npm run db:copy
 * --replace` empties its target) and every sequence back to its start, in one transaction. Not
 * TRUNCATE, which makes new files for every table and index: about 180 ms for this schema
 * against about 10 ms to delete a test's few rows, paid by each of some 300 tests on PostgreSQL.
 */
async function empty(db: Db): Promise<void> {
	const { rows: triggers } = await sql<{ trigger: string; table: string }>`
		select t.tgname as trigger, c.relname as table from pg_trigger t
		join pg_class c on c.oid = t.tgrelid where t.tgname like 'fail\_%'`.execute(db);
	for (const { table } of triggers) await stopFailingInserts(db, table);
	await db.transaction().execute(async (trx) => {
		await deleteAllRows(trx);
		await sql`select setval(s.seqrelid, s.seqstart, false) from pg_sequence s
			join pg_class c on c.oid = s.seqrelid
			where c.relnamespace = current_schema()::regnamespace`.execute(trx);
	});
}
