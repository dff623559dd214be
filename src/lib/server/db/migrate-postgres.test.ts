import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { PGliteDialect } from '../test-support/pglite-dialect';
import { throughTransactionPooler } from '../test-support/transaction-pooler';
import { migrate, migrations, openPostgres, type Db } from './database';
import type { Database } from './schema';

/*
 * Migrations on PostgreSQL, on an empty database of their own: on the server named by
 * TEST_DATABASE_URL (where two pools are two servers starting together), else on PGlite.
 */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The address of a new, empty database on the server (dropped after the test). */
async function emptyServerDatabase(): Promise<string> {
	const source = inject('testDatabase');
	if (source.kind !== 'server') throw new Error('This test needs TEST_DATABASE_URL');
	const name = `${source.prefix}_pooled_${process.env.VITEST_POOL_ID ?? '0'}_${Date.now()}`;
	const admin = new pg.Client({ connectionString: source.adminUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	cleanups.push(async () => {
		await admin.query(`drop database ${name} with (force)`);
		await admin.end();
	});
	const url = new URL(source.adminUrl);
	url.pathname = `/${name}`;
	return url.href;
}

/** Advisory locks held in the database at `url`, as another connection sees them. */
async function advisoryLocksHeld(url: string): Promise<number> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query<{ n: string }>(`select count(*) as n from pg_locks
			where locktype = 'advisory' and database = (select oid from pg_database
			where datname = current_database())`);
		return Number(rows[0]?.n);
	} finally {
		await client.end();
	}
}

/** `count` connections to one new, empty database. */
async function emptyDatabase(count: number): Promise<Db[]> {
	const source = inject('testDatabase');
	if (source.kind === 'server') {
		const name = `${source.prefix}_empty_${process.env.VITEST_POOL_ID ?? '0'}_${Date.now()}`;
		const admin = new pg.Client({ connectionString: source.adminUrl });
		await admin.connect();
		await admin.query(`create database ${name}`);
		const url = new URL(source.adminUrl);
		url.pathname = `/${name}`;
		const dbs = Array.from({ length: count }, () => openPostgres(url.href, { max: 2 }));
		cleanups.push(async () => {
			for (const db of dbs) await db.destroy();
			await admin.query(`drop database ${name} with (force)`);
			await admin.end();
		});
		return dbs;
	}
	const pglite = await PGlite.create();
	cleanups.push(() => pglite.close());
	return Array.from(
		{ length: count },
		() => new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
	);
}

describe('migrate on PostgreSQL', () => {
	it('migrates once when two servers start together', async () => {
		const [one, two] = await emptyDatabase(2);
		const [a, b] = await Promise.all([migrate(one!), migrate(two!)]);
		// One ran every migration under the lock; the other then found nothing to do.
		expect([a, b].map((applied) => applied.length).sort()).toEqual([
			0,
			Object.keys(migrations).length
		]);
		const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
			one!
		);
		expect(rows[0]?.n).toBe(Object.keys(migrations).length);
	}, 60_000);

	it('leaves no lock behind through a pooler in transaction mode (PgBouncer)', async () => {
		// Kysely's Migrator locked in one transaction and unlocked in another, which such a pooler
		// may send to a different server connection: the lock stayed held (1 here), and the next
		// server to start would have waited for it.
		const url = await emptyServerDatabase();
		const first = throughTransactionPooler(url);
		cleanups.push(() => first.db.destroy());
		// The pooler does what it says: two statements outside a transaction, two sessions.
		const pid = sql<{ pid: number }>`select pg_backend_pid() as pid`;
		const pids = [
			(await pid.execute(first.db)).rows[0]?.pid,
			(await pid.execute(first.db)).rows[0]?.pid
		];
		expect(new Set(pids).size).toBe(2);
		expect(await migrate(first.db)).toHaveLength(Object.keys(migrations).length);
		expect(await advisoryLocksHeld(url)).toBe(0);
		// A second server, through the pooler too, finds nothing to do, and is not kept waiting.
		const second = throughTransactionPooler(url);
		cleanups.push(() => second.db.destroy());
		expect(await migrate(second.db)).toEqual([]);
		expect(await advisoryLocksHeld(url)).toBe(0);
	}, 60_000);

	it('rolls back a failing migration whole, naming it and why', async () => {
		const [db] = await emptyDatabase(1);
		const failing = {
			...migrations,
			'099-fails': {
				// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as migrations are
				async up(db: Kysely<any>) {
					await db.schema.createTable('half_made').addColumn('id', 'text').execute();
					throw new Error('disk full');
				}
			}
		};
		await expect(migrate(db!, failing)).rejects.toThrow(
			'Migration 099-fails failed and was rolled back: disk full'
		);
		// On PostgreSQL the whole run is one transaction: nothing of it stays.
		const tables = (await db!.introspection.getTables()).map((t) => t.name);
		expect(tables).not.toContain('half_made');
		expect(tables).not.toContain('organisation');
		// Fixed, it runs from the start.
		expect(await migrate(db!)).toHaveLength(Object.keys(migrations).length);
	}, 60_000);

	it('turns JIT off for the database, so a new connection plans without it (027)', async () => {
		const [db, later] = await emptyDatabase(2);
		await migrate(db!);
		const { rows } = await sql<{ setting: string }>`select unnest(s.setconfig) as setting
			from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase
			where d.datname = current_database() and s.setrole = 0`.execute(db!);
		expect(rows.map((r) => r.setting)).toContain('jit=off');
		// PGlite is one connection, made before the migration; on a server the second pool
		// connects only now.
		if (inject('testDatabase').kind === 'server') {
			const shown = await sql<{ jit: string }>`show jit`.execute(later!);
			expect(shown.rows[0]?.jit).toBe('off');
		}
	}, 60_000);
});
