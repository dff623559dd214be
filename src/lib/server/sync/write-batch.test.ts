import SQLite from 'better-sqlite3';
import {
	Kysely,
	SelectQueryNode,
	SqliteDialect,
	TableNode,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type QueryId
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import { migrate, type Db } from '../db/database';
import type { Database } from '../db/schema';
import { seedDemo } from '../seed/demo';
import {
	demoWardCatalogue,
	recordChange,
	undoChange,
	wardRecord,
	type WardCatalogue
} from '../test-support/ward-records';
import { applyChanges } from './apply-changes';
import { staffAccountByEmail } from '../test-support/accounts';

// Seeding hashes a password per demo account with argon2: about a second in all.
const SLOW = 20_000;
const now = new Date('2026-03-10T09:00:00Z');
const minuteAgo = new Date(now.getTime() - 60_000);

/**
 * Runs `sneak` on the batch's own connection right after the batch has read the records it
 * names: another batch storing the same thing between this one's reads and its writes, as
 * PostgreSQL's READ COMMITTED allows. The other batch's write is committed, but one sneaked in
 * here is part of this batch's transaction; so if the batch is run again, `sneak` runs again
 * before it reads, as though that write had survived the batch's rollback.
 */
class BetweenReadAndWrite implements KyselyPlugin {
	readonly #reads = new WeakSet<QueryId>();
	/** How many times the batch read the records it names. */
	reads = 0;
	constructor(readonly sneak: () => void) {}
	transformQuery({ node, queryId }: PluginTransformQueryArgs) {
		const from = SelectQueryNode.is(node) ? node.from?.froms[0] : undefined;
		if (from && TableNode.is(from) && from.table.identifier.name === 'delivery_record') {
			this.#reads.add(queryId);
			if (this.reads > 0) this.sneak();
		}
		return node;
	}
	async transformResult({ queryId, result }: PluginTransformResultArgs) {
		if (this.#reads.has(queryId) && ++this.reads === 1) this.sneak();
		return result;
	}
}

describe('writeBatch: another batch got there first', () => {
	let sqlite: SQLite.Database;
	let db: Db;
	let nurse: StaffAccount;
	let catalogue: WardCatalogue;

	beforeAll(async () => {
		sqlite = new SQLite(':memory:');
		sqlite.pragma('foreign_keys = ON');
		db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
		await migrate(db);
		await seedDemo(db, now);
		nurse = await staffAccountByEmail(db, 'ward7@demo.example');
		catalogue = await demoWardCatalogue(db);
	}, SLOW);
	afterAll(() => db.destroy());

	/** Stores a copy of stored record `templateId` as record `id`, on the open transaction. */
	function storeCopy(templateId: string, id: string) {
		sqlite.exec('create temp table sneaked as select * from delivery_record where 0');
		sqlite
			.prepare('insert into sneaked select * from delivery_record where id = ?')
			.run(templateId);
		sqlite.prepare('update sneaked set id = ?').run(id);
		sqlite.exec('insert into delivery_record select * from sneaked; drop table sneaked');
	}

	const count = async (id: string) =>
		(await db.selectFrom('delivery_record').select('id').where('id', '=', id).execute()).length;

	it('answers duplicate to a record stored in between, and stores it once', async () => {
		const template = wardRecord(catalogue, minuteAgo);
		await applyChanges(db, nurse, [recordChange(template)], now);
		const late = wardRecord(catalogue, minuteAgo, true);
		const between = new BetweenReadAndWrite(() => storeCopy(template.id, late.id));
		const racing = db.withPlugin(between);

		const results = await applyChanges(racing, nurse, [recordChange(late)], now);

		expect(results).toEqual([{ id: late.id, status: 'duplicate' }]);
		expect(await count(late.id)).toBe(1);
		// The insert stored fewer rows than it was given: the batch ran again and read it stored.
		expect(between.reads).toBe(2);
		// The link belongs with the insert that happened: this batch's did not.
		expect(
			await db
				.selectFrom('patient_link')
				.select('token_hash')
				.where('delivery_id', '=', late.id)
				.execute()
		).toEqual([]);
	});

	it('stores the rest of a batch once when one of its records was stored in between', async () => {
		const template = wardRecord(catalogue, minuteAgo);
		await applyChanges(db, nurse, [recordChange(template)], now);
		const late = wardRecord(catalogue, minuteAgo);
		const other = wardRecord(catalogue, minuteAgo, true);
		const between = new BetweenReadAndWrite(() => storeCopy(template.id, late.id));

		const results = await applyChanges(
			db.withPlugin(between),
			nurse,
			[recordChange(late), recordChange(other)],
			now
		);

		expect(results).toEqual([
			{ id: late.id, status: 'duplicate' },
			{ id: other.id, status: 'accepted' }
		]);
		expect([await count(late.id), await count(other.id)]).toEqual([1, 1]);
		const links = await db
			.selectFrom('patient_link')
			.select('delivery_id')
			.where('delivery_id', 'in', [late.id, other.id])
			.execute();
		expect(links).toEqual([{ delivery_id: other.id }]);
	});

	it('answers duplicate to an undo applied in between, and writes no second revision', async () => {
		const record = wardRecord(catalogue, minuteAgo);
		await applyChanges(db, nurse, [recordChange(record)], now);
		const undo = undoChange(record);
		const racing = db.withPlugin(
			new BetweenReadAndWrite(() =>
				sqlite
					.prepare('update delivery_record set voided_at = ?, voided_by = ? where id = ?')
					.run(now.toISOString(), nurse.id, record.id)
			)
		);

		const results = await applyChanges(racing, nurse, [undo], now);

		expect(results).toEqual([{ id: undo.id, status: 'duplicate' }]);
		const revisions = await db
			.selectFrom('delivery_record_revision')
			.select('id')
			.where('delivery_id', '=', record.id)
			.execute();
		expect(revisions).toEqual([]);
	});
});
