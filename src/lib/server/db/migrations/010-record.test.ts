import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrations, openDatabase, type Db } from '../database';
import { seedDemo } from '../../seed/demo';

const opened: Db[] = [];
afterEach(async () => {
	for (const db of opened.splice(0)) await db.destroy();
});

/** The demo organisation with its 26 weeks of history, as it was before migration 010. */
async function demoBefore010(): Promise<Db> {
	const db = openDatabase(':memory:');
	opened.push(db);
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	const { error } = await migrator.migrateTo('009-ward-measures');
	if (error) throw error;
	await seedDemo(db, new Date('2026-11-26T12:00:00Z'), { history: true });
	return db;
}

const snapshot = async (db: Db) =>
	(
		await sql<
			Record<string, unknown>
		>`select rowid as rowid_, * from delivery_record order by rowid`.execute(db)
	).rows;

describe('migration 010 (record only what was said)', () => {
	it('keeps every record, rowid and answer, and lets an answer be "not recorded"', async () => {
		const db = await demoBefore010();
		const before = await snapshot(db);
		expect(before.length).toBeGreaterThan(100);
		const link = before[0]!;
		await db
			.insertInto('patient_link')
			.values({
				token_hash: 'h1',
				delivery_id: String(link.id),
				created_at: '2026-11-01T00:00:00Z'
			})
			.execute();
		const feedbackLinked = await db
			.selectFrom('feedback')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('delivery_id', 'is not', null)
			.executeTakeFirstOrThrow();
		expect(Number(feedbackLinked.n)).toBeGreaterThan(0);

		expect(await migrate(db)).toContain('010-record');

		const after = await snapshot(db);
		expect(after.map((r) => r.language_needed)).toEqual(before.map(() => null));
		expect(after.map((r) => ({ ...r, language_needed: undefined }))).toEqual(
			before.map((r) => ({ ...r, language_needed: undefined }))
		);
		await db
			.updateTable('delivery_record')
			.set({ talked_through: null, interpreter_used: null, carer_present: null, teach_back: null })
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
			db
				.insertInto('patient_link')
				.values({
					token_hash: 'h2',
					delivery_id: 'no-such-record',
					created_at: '2026-11-01T00:00:00Z'
				})
				.execute()
		).rejects.toThrow(/FOREIGN KEY/);
	});

	it('recreates every index of the table, and makes the feedback index not unique', async () => {
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
		await migrate(db);
		expect(await indexes()).toEqual([...before, 'delivery_record_language_needed'].sort());
		const feedbackIndexes = (
			await sql<{
				name: string;
			}>`select name from pragma_index_list('feedback') where "unique" = 1 and origin = 'c'`.execute(
				db
			)
		).rows;
		expect(feedbackIndexes).toEqual([]);
	});

	it('goes back down, keeping the records (an unanswered question as no / not done)', async () => {
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
	});
});
