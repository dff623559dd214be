import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrations, openDatabase, type Db } from '../database';
import { seedDemo } from '../../seed/demo';

const opened: Db[] = [];
afterEach(async () => {
	for (const db of opened.splice(0)) await db.destroy();
});

/**
 * The demo organisation with its 26 weeks of history, as it was before migration 010: seeded by
 * today's code on a fully migrated database, then copied column by column (those that existed
 * at 009) into a database migrated only to 009.
 */
async function demoBefore010(): Promise<Db> {
	const seeded = openDatabase(':memory:');
	opened.push(seeded);
	await migrate(seeded);
	await seedDemo(seeded, new Date('2026-11-26T12:00:00Z'), { history: true });
	// Before 010 every question had an answer: the demo's unanswered ones become the old defaults.
	await sql`update delivery_record set talked_through = coalesce(talked_through, 0),
		interpreter_used = coalesce(interpreter_used, 0), carer_present = coalesce(carer_present, 0),
		teach_back = coalesce(teach_back, 'notDone')`.execute(seeded);

	const db = openDatabase(':memory:');
	opened.push(db);
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	const { error } = await migrator.migrateTo('009-ward-measures');
	if (error) throw error;
	const tables = await sql<{ name: string }>`select name from sqlite_master
		where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
	// A table a later migration dropped (019: the day counts' watermark) has nothing to copy.
	const today = new Set((await seeded.introspection.getTables()).map((t) => t.name));
	await sql`pragma foreign_keys = off`.execute(db);
	for (const { name } of tables.rows.filter((t) => today.has(t.name))) {
		const columns = await sql<{
			name: string;
		}>`select name from pragma_table_info(${name})`.execute(db);
		const list = sql.join(columns.rows.map((c) => sql.ref(c.name)));
		const rows = await sql<Record<string, unknown>>`select ${list} from ${sql.table(name)}`.execute(
			seeded
		);
		for (const row of rows.rows)
			await sql`insert into ${sql.table(name)} (${list}) values (${sql.join(
				columns.rows.map((c) => row[c.name])
			)})`.execute(db);
	}
	await sql`pragma foreign_keys = on`.execute(db);
	return db;
}

/** Each test seeds the demo with its history: a few seconds on a busy machine. */
const SEEDED = 30_000;

const snapshot = async (db: Db) =>
	(
		await sql<
			Record<string, unknown>
		>`select rowid as rowid_, * from delivery_record order by rowid`.execute(db)
	).rows;

describe('migration 010 (record only what was said)', () => {
	it(
		'keeps every record, rowid and answer, and lets an answer be "not recorded"',
		async () => {
			const db = await demoBefore010();
			const before = await snapshot(db);
			expect(before.length).toBeGreaterThan(100);
			const link = before[0]!;
			// The table as it was before 016 (no organisation_id), so not through today's types.
			await sql`insert into patient_link (token_hash, delivery_id, created_at)
			values ('h1', ${String(link.id)}, '2026-11-01T00:00:00Z')`.execute(db);
			const feedbackLinked = await db
				.selectFrom('feedback')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('delivery_id', 'is not', null)
				.executeTakeFirstOrThrow();
			expect(Number(feedbackLinked.n)).toBeGreaterThan(0);

			const { results } = await new Migrator({
				db,
				provider: { getMigrations: async () => migrations }
			}).migrateTo('010-record');
			expect(results?.map((r) => r.migrationName)).toEqual(['010-record']);

			const after = await snapshot(db);
			expect(after.map((r) => r.language_needed)).toEqual(before.map(() => null));
			expect(after.map((r) => ({ ...r, language_needed: undefined }))).toEqual(
				before.map((r) => ({ ...r, language_needed: undefined }))
			);
			await db
				.updateTable('delivery_record')
				.set({
					talked_through: null,
					interpreter_used: null,
					carer_present: null,
					teach_back: null
				})
				.where('id', '=', String(link.id))
				.execute();
			const row = await db
				.selectFrom('delivery_record')
				.select(['talked_through', 'teach_back'])
				.where('id', '=', String(link.id))
				.executeTakeFirstOrThrow();
			expect(row).toEqual({ talked_through: null, teach_back: null });
			// References still hold, and are still enforced.
			expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
			await expect(
				sql`insert into patient_link (token_hash, delivery_id, created_at)
				values ('h2', 'no-such-record', '2026-11-01T00:00:00Z')`.execute(db)
			).rejects.toThrow(/FOREIGN KEY/);
		},
		SEEDED
	);

	it(
		'recreates every index of the table, and makes the feedback index not unique',
		async () => {
			const db = await demoBefore010();
			const indexes = async () =>
				(
					await sql<{
						name: string;
						sql: string;
					}>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'delivery_record' and sql is not null order by name`.execute(
						db
					)
				).rows.map((r) => r.name);
			const before = await indexes();
			await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(
				'010-record'
			);
			expect(await indexes()).toEqual([...before, 'delivery_record_language_needed'].sort());
			const feedbackIndexes = (
				await sql<{
					name: string;
				}>`select name from pragma_index_list('feedback') where "unique" = 1 and origin = 'c'`.execute(
					db
				)
			).rows;
			expect(feedbackIndexes).toEqual([]);
		},
		SEEDED
	);

	it(
		'goes back down, keeping the records (an unanswered question as no / not done)',
		async () => {
			const db = await demoBefore010();
			await migrate(db);
			await db
				.updateTable('delivery_record')
				.set({ talked_through: null, teach_back: null })
				.execute();
			const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
			const { error } = await migrator.migrateTo('009-ward-measures');
			expect(error).toBeUndefined();
			const rows = await sql<{
				t: number;
				b: string;
			}>`select distinct talked_through as t, teach_back as b from delivery_record`.execute(db);
			expect(rows.rows).toEqual([{ t: 0, b: 'notDone' }]);
			expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([]);
		},
		SEEDED
	);
});
