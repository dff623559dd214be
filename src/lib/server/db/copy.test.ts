import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctDelivery } from '../repositories/delivery-corrections';
import { seedDemo } from '../seed/demo';
import {
	failInsertsInto,
	openTestDatabase,
	stopFailingInserts,
	testEngine
} from '../test-support/test-database';
import { copiedTables, copyDatabase, CopyRefused } from './copy';
import { migrate, migrations, openDatabase, type Db } from './database';
import { staffAccountByEmail } from '../test-support/accounts';

/*
 * The source is an SQLite file with the demo organisation and its six months of history, as
 * `npm start` makes it, plus a lead's correction (an identity-numbered revision) and an aim
 * whose target is a double with every digit used. The target is the engine under test.
 */
let dir = '';
let source: Db;
const now = new Date('2026-11-30T10:00:00Z');

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'db-copy-'));
	source = openDatabase(join(dir, 'source.sqlite'));
	await migrate(source);
	await seedDemo(source, now, { history: true });
	const lead = await staffAccountByEmail(source, 'lead@demo.example');
	const record = await source
		.selectFrom('delivery_record')
		.select('id')
		.where('organisation_id', '=', lead.organisationId)
		.orderBy('id')
		.executeTakeFirstOrThrow();
	await correctDelivery(source, lead, record.id, {
		outcome: 'declined',
		talkedThrough: null,
		interpreterUsed: false,
		carerPresent: true,
		teachBack: null,
		languageNeeded: null
	});
	await source
		.insertInto('aim')
		.values({
			id: 'aim-with-a-fraction',
			organisation_id: lead.organisationId,
			title: 'A third, exactly as a double',
			measure: 'coverage',
			target: 100 / 3,
			ward_ids: '[]',
			patient_group_ids: '[]',
			due_by: '2027-03-31',
			created_by: lead.id,
			created_at: now.toISOString()
		})
		.execute();
}, 120_000);

afterAll(async () => {
	await source?.destroy();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

async function rowsOf(db: Db, table: string) {
	const key = copiedTables.find((t) => t.table === table)!.key;
	const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}
		order by ${sql.join(key.map((k) => sql.ref(k)))}`.execute(db);
	return rows;
}

async function countsOf(db: Db) {
	const counts: Record<string, number> = {};
	for (const { table } of copiedTables) {
		const { rows } = await sql<{
			n: number;
		}>`select count(*) as n from ${sql.table(table)}`.execute(db);
		counts[table] = Number(rows[0]!.n);
	}
	return counts;
}

describe('the tables the copy knows', () => {
	it('are every table of the schema, each after the tables it references', async () => {
		const schema = (await source.introspection.getTables()).map((t) => t.name).sort();
		expect(copiedTables.map((t) => t.table).sort()).toEqual(schema);

		const { rows } = await sql<{ child: string; parent: string }>`
			select m.name as child, f."table" as parent
			from sqlite_master m, pragma_foreign_key_list(m.name) f
			where m.type = 'table'`.execute(source);
		const position = new Map(copiedTables.map((t, i) => [t.table as string, i]));
		const backwards = rows.filter(
			(r) => r.child !== r.parent && position.get(r.parent)! > position.get(r.child)!
		);
		expect(backwards).toEqual([]);
	});
});

describe(`copyDatabase, SQLite file → ${testEngine}`, () => {
	it('copies every row, verifies each table’s count, and sets identities past the copied ids', async () => {
		const target = await openTestDatabase();
		try {
			const counts = await copyDatabase(source, target, { batchRows: 97 });
			const expected = await countsOf(source);
			expect(counts.map((c) => c.table)).toEqual(copiedTables.map((t) => t.table));
			for (const c of counts)
				expect(c).toEqual({ ...c, source: expected[c.table], target: expected[c.table] });
			expect(await countsOf(target)).toEqual(expected);
			expect(expected.delivery_record).toBeGreaterThan(1000);
			expect(expected.delivery_record_revision).toBe(1);

			// Integer flags, doubles, JSON text and nulls come across as they were.
			for (const table of ['delivery_record', 'aim', 'briefing_variant', 'organisation'])
				expect(await rowsOf(target, table), table).toEqual(await rowsOf(source, table));
			const aim = await target
				.selectFrom('aim')
				.select('target')
				.where('id', '=', 'aim-with-a-fraction')
				.executeTakeFirstOrThrow();
			expect(aim.target).toBe(100 / 3);

			const revision = await target
				.selectFrom('delivery_record_revision')
				.selectAll()
				.executeTakeFirstOrThrow();
			const rest = { ...revision, id: undefined };
			const next = await target
				.insertInto('delivery_record_revision')
				.values(rest)
				.returning('id')
				.executeTakeFirstOrThrow();
			expect(next.id).toBe(revision.id + 1);
		} finally {
			await target.destroy();
		}
	});

	it('refuses a target holding data, naming its tables; --replace copies over it; twice is safe', async () => {
		const target = await openTestDatabase();
		try {
			await copyDatabase(source, target);
			await target.deleteFrom('session').execute();
			await target.updateTable('organisation').set({ name: 'Changed on the target' }).execute();

			const second = await copyDatabase(source, target).catch((e: unknown) => e);
			expect(second).toBeInstanceOf(CopyRefused);
			expect((second as Error).message).toMatch(
				/^The target already holds data, in organisation, ward, region, region_member, staff_account, .*delivery_record,.* Copy into an empty database, or add --replace/
			);
			expect((second as Error).message).not.toMatch(/\bsession\b/);
			expect(await rowsOf(target, 'organisation')).not.toEqual(
				await rowsOf(source, 'organisation')
			);

			await copyDatabase(source, target, { replace: true });
			expect(await countsOf(target)).toEqual(await countsOf(source));
			expect(await rowsOf(target, 'organisation')).toEqual(await rowsOf(source, 'organisation'));
			await copyDatabase(source, target, { replace: true });
			expect(await countsOf(target)).toEqual(await countsOf(source));
		} finally {
			await target.destroy();
		}
	});

	it('leaves the target as it was when a table fails part-way (one transaction)', async () => {
		const target = await openTestDatabase();
		try {
			await failInsertsInto(target, 'feedback', 'disk full');
			await expect(copyDatabase(source, target)).rejects.toThrow(/disk full/);
			expect(Object.values(await countsOf(target)).every((n) => n === 0)).toBe(true);

			await stopFailingInserts(target, 'feedback');
			await copyDatabase(source, target);
			const before = await countsOf(target);
			await target.deleteFrom('delivery_record_revision').execute();
			await failInsertsInto(target, 'aim', 'disk full');
			await expect(copyDatabase(source, target, { replace: true })).rejects.toThrow(/disk full/);
			expect(await countsOf(target)).toEqual({ ...before, delivery_record_revision: 0 });
		} finally {
			await target.destroy();
		}
	});

	it('refuses a source whose migrations are not all applied, writing nothing to it', async () => {
		const old = openDatabase(join(dir, 'old.sqlite'));
		const target = await openTestDatabase();
		try {
			const names = Object.keys(migrations);
			const first = Object.fromEntries(names.slice(0, 10).map((n) => [n, migrations[n]!]));
			await migrate(old, first);
			await expect(copyDatabase(old, target)).rejects.toThrow(
				new CopyRefused(
					`The source is missing migrations ${names.slice(10).join(', ')}: start its server once with this version (it migrates on start), stop it, then copy. The copy never writes to its source.`
				)
			);
			const applied = await sql`select name from kysely_migration`.execute(old);
			expect(applied.rows).toHaveLength(10);
		} finally {
			await old.destroy();
			await target.destroy();
		}
	});
});
