import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inTransaction, migrate, migrations, openDatabase, type Db } from './database';

const opened: Db[] = [];
const tempDirs: string[] = [];

function open(file = ':memory:'): Db {
	const db = openDatabase(file);
	opened.push(db);
	return db;
}

afterEach(async () => {
	for (const db of opened.splice(0)) await db.destroy();
	for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function tableNames(db: Db): Promise<string[]> {
	const { rows } = await sql<{
		name: string;
	}>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(
		db
	);
	return rows.map((r) => r.name);
}

const organisation = {
	id: 'org-1',
	name: 'Northfield',
	contact: '',
	slug: 'northfield',
	created_at: '2026-03-10T00:00:00Z'
};

describe('migrate', () => {
	it('applies the initial migration once, and nothing the second time', async () => {
		const db = open();
		expect(await migrate(db)).toEqual([
			'001-initial',
			'002-delivery-sync',
			'003-retired-at-and-age-bands',
			'004-patient-feedback',
			'005-audit',
			'006-measurement',
			'007-content-governance',
			'008-patient-group-revision',
			'009-ward-measures',
			'010-record',
			'011-localtime',
			'014-fhir',
			'015-organisations',
			'016-tenancy',
			'017-sign-in-organisation',
			'018-sso-client-auth',
			'019-day-counts-on-write',
			'023-rate-limit-windows',
			'024-pending-pack-imports',
			'027-no-jit',
			'033-retention',
			'034-library',
			'035-library-lessons',
			'036-regional',
			'037-patient-links',
			'039-translation-sources',
			'040-poster-codes',
			'041-return-snapshots',
			'042-mail',
			'043-regional-imports',
			'044-aim-closing',
			'045-feedback-submission',
			'046-held-records',
			'047-withdrawn-not-returned'
		]);
		expect(await migrate(db)).toEqual([]);
	});

	it('creates every table', async () => {
		const db = open();
		await migrate(db);
		expect(await tableNames(db)).toEqual([
			'admission_count',
			'aim',
			'audit_event',
			'briefing',
			'briefing_variant',
			'briefing_variant_partial',
			'briefing_version',
			'delivery_record',
			'delivery_record_revision',
			'feedback',
			'held_delivery_record',
			'install_key',
			'library_adoption',
			'library_item',
			'library_item_version',
			'library_lesson',
			'mail_digest_week',
			'mail_outbox',
			'measure_annotation',
			'measure_day_count',
			'measure_setting',
			'oidc_login',
			'organisation',
			'organisation_sso',
			'patient_code',
			'patient_group',
			'patient_group_briefing',
			'patient_link',
			'patient_view_event',
			'pending_pack_import',
			'poster_code',
			'rate_limit_window',
			'region',
			'region_aggregate',
			'region_member',
			'region_remote',
			'region_share',
			'retention_run',
			'session',
			'set_password_link',
			'sign_in_attempt',
			'sign_in_failure',
			'staff_account',
			'translation_source',
			'version_return',
			'ward'
		]);
	});
});

describe('openDatabase', () => {
	it('creates the directory and opens a file database in WAL mode', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'toolkit-db-'));
		tempDirs.push(dir);
		const file = join(dir, 'nested', 'toolkit.sqlite');
		const db = openDatabase(file);
		const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
		expect(rows).toEqual([{ journal_mode: 'wal' }]);
		await migrate(db);
		await db.destroy();

		// The setting belongs to the file: a plain connection sees it too.
		const direct = new SQLite(file);
		try {
			expect(direct.pragma('journal_mode', { simple: true })).toBe('wal');
		} finally {
			direct.close();
		}
	});

	it('syncs every commit to disk (synchronous = FULL): an acknowledged batch survives a power cut', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'toolkit-db-'));
		tempDirs.push(dir);
		const db = open(join(dir, 'toolkit.sqlite'));
		// 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. NORMAL syncs the WAL only at checkpoints.
		const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
		expect(rows).toEqual([{ synchronous: 2 }]);
	});

	it('keeps a migrated file database between openings', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'toolkit-db-'));
		tempDirs.push(dir);
		const file = join(dir, 'toolkit.sqlite');
		const first = openDatabase(file);
		await migrate(first);
		await first.insertInto('organisation').values(organisation).execute();
		await first.destroy();

		const second = open(file);
		expect(await migrate(second)).toEqual([]);
		expect(await second.selectFrom('organisation').select('name').execute()).toEqual([
			{ name: 'Northfield' }
		]);
	});

	it('turns foreign keys on: a ward needs its organisation', async () => {
		const db = open();
		await migrate(db);
		const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
		expect(rows).toEqual([{ foreign_keys: 1 }]);

		const ward = { id: 'ward-1', organisation_id: 'org-1', name: 'Ward 7', specialty: '' };
		await expect(db.insertInto('ward').values(ward).execute()).rejects.toThrow(
			/FOREIGN KEY constraint failed/
		);
		expect(await db.selectFrom('ward').selectAll().execute()).toEqual([]);

		await db.insertInto('organisation').values(organisation).execute();
		await db.insertInto('ward').values(ward).execute();
		expect(await db.selectFrom('ward').select('name').execute()).toEqual([{ name: 'Ward 7' }]);
	});
});

describe('inTransaction', () => {
	it('undoes everything when the work fails', async () => {
		const db = open();
		await migrate(db);
		await expect(
			inTransaction(db, async (trx) => {
				await trx.insertInto('organisation').values(organisation).execute();
				throw new Error('disk full');
			})
		).rejects.toThrow('disk full');
		expect(await db.selectFrom('organisation').selectAll().execute()).toEqual([]);
	});

	it("joins the caller's transaction rather than starting another", async () => {
		const db = open();
		await migrate(db);
		await expect(
			db.transaction().execute(async (outer) => {
				await inTransaction(outer, (inner) =>
					inner.insertInto('organisation').values(organisation).execute()
				);
				throw new Error('outer work failed');
			})
		).rejects.toThrow('outer work failed');
		// Had the inner call committed on its own, the row would have survived.
		expect(await db.selectFrom('organisation').selectAll().execute()).toEqual([]);
	});
});

describe('migrate, two processes on one new file', () => {
	it('migrates once when two servers start together; the other waits, then finds nothing to do', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'migrate-twice-'));
		const file = join(dir, 'toolkit.sqlite');
		// Two handles, as two processes would open the file (each its own connection).
		const [one, two] = [openDatabase(file), openDatabase(file)];
		try {
			const applied = await Promise.all([migrate(one), migrate(two)]);
			expect(applied.map((names) => names.length).sort((x, y) => x - y)).toEqual([
				0,
				Object.keys(migrations).length
			]);
			const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
				two
			);
			expect(rows[0]?.n).toBe(Object.keys(migrations).length);
		} finally {
			await one.destroy();
			await two.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
