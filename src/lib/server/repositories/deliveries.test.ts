import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { StaffAccount } from '$lib/domain/staff';
import { UNDO_WINDOW_SECONDS, type RefusalReason, type SyncChange } from '$lib/domain/sync';
import { migrate, openDatabase, type Db } from '../db/database';
import { seedDemo } from '../seed/demo';
import { applyChanges } from '../sync/apply-changes';
import { countDeliveries, listDeliveriesToday } from './deliveries';
import { createOrganisation, createWard } from './organisations';
import { createStaffAccount } from './staff-accounts';
import {
	failInsertsInto,
	openTestDatabase,
	stopFailingInserts,
	testEngine
} from '../test-support/test-database';
import { staffAccountByEmail } from '../test-support/accounts';

// Seeding hashes a password per demo account with argon2: about a second in all.
const SLOW = 20_000;

const now = new Date('2026-03-10T09:00:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();

interface Demo {
	db: Db;
	organisationId: string;
	nurse: StaffAccount;
	lead: StaffAccount;
	ward7: string;
	ward12: string;
	groupId: string;
	/** Briefing and version ids by slug. */
	briefings: Map<string, { briefingId: string; versionId: string }>;
}

/** A database with the demo organisation, and the ids the tests need from it. */
/** `file`: on SQLite, a file instead of memory (its WAL is checked); ignored on PostgreSQL. */
async function openDemo(file?: string): Promise<Demo> {
	let db: Db;
	if (file && testEngine === 'sqlite') {
		db = openDatabase(file);
		await migrate(db);
	} else db = await openTestDatabase();
	await seedDemo(db, now);
	const account = (email: string) => staffAccountByEmail(db, email);
	const nurse = await account('ward7@demo.example');
	const ward = async (name: string) =>
		(await db.selectFrom('ward').select('id').where('name', '=', name).executeTakeFirstOrThrow())
			.id;
	const versions = await db
		.selectFrom('briefing')
		.innerJoin('briefing_version', 'briefing_version.briefing_id', 'briefing.id')
		.select(['briefing.slug', 'briefing.id as briefingId', 'briefing_version.id as versionId'])
		.execute();
	const group = await db
		.selectFrom('patient_group')
		.select('id')
		.orderBy('position')
		.executeTakeFirstOrThrow();
	return {
		db,
		organisationId: nurse.organisationId,
		nurse,
		lead: await account('lead@demo.example'),
		ward7: await ward('Ward 7'),
		ward12: await ward('Ward 12'),
		groupId: group.id,
		briefings: new Map(versions.map((v) => [v.slug, v]))
	};
}

function briefing(demo: Demo, slug: string) {
	const found = demo.briefings.get(slug);
	if (!found) throw new Error(`no seed briefing ${slug}`);
	return { briefingId: found.briefingId, versionId: found.versionId };
}

/** A valid record of a leaflet given on Ward 7 a minute ago, with `changes`. */
function record(demo: Demo, changes: Partial<DeliveryRecordInput> = {}): DeliveryRecordInput {
	return {
		id: uuidv7(),
		wardId: demo.ward7,
		patientGroupId: demo.groupId,
		...briefing(demo, 'your-safety-on-our-ward'),
		format: 'leaflet',
		language: 'en',
		outcome: 'delivered',
		talkedThrough: true,
		interpreterUsed: false,
		carerPresent: false,
		teachBack: 'confirmed',
		recordedAt: at(-60_000),
		...changes
	};
}

const recordChange = (payload: DeliveryRecordInput): SyncChange => ({
	id: payload.id,
	kind: 'deliveryRecord',
	payload
});

const undoChange = (deliveryId: string, undoneAt: string): SyncChange => ({
	id: uuidv7(),
	kind: 'deliveryUndo',
	payload: { deliveryId, undoneAt }
});

const statuses = (results: Array<{ status: string }>) => results.map((r) => r.status);

async function storedRow(db: Db, id: string) {
	return db.selectFrom('delivery_record').selectAll().where('id', '=', id).executeTakeFirst();
}

describe('applyChanges: delivery records', () => {
	let demo: Demo;
	let db: Db;
	beforeAll(async () => {
		demo = await openDemo();
		db = demo.db;
	}, SLOW);
	afterAll(() => demo.db.destroy());

	it('stores a valid record with the account, organisation, time received and UTC times', async () => {
		const input = record(demo, { recordedAt: '2026-03-10T09:58:30+01:00', carerPresent: true });
		expect(await applyChanges(db, demo.nurse, [recordChange(input)], now)).toEqual([
			{ id: input.id, status: 'accepted' }
		]);
		expect(await storedRow(db, input.id)).toEqual({
			id: input.id,
			organisation_id: demo.organisationId,
			ward_id: demo.ward7,
			patient_group_id: demo.groupId,
			briefing_id: input.briefingId,
			version_id: input.versionId,
			format: 'leaflet',
			language: 'en',
			outcome: 'delivered',
			talked_through: 1,
			interpreter_used: 0,
			carer_present: 1,
			teach_back: 'confirmed',
			language_needed: null,
			recorded_at: '2026-03-10T08:58:30.000Z',
			recorded_day: '2026-03-10',
			received_at: now.toISOString(),
			recorded_by: demo.nurse.id,
			voided_at: null,
			voided_by: null
		});
	});

	it('answers duplicate to a retried batch, whatever it holds, and stores nothing more', async () => {
		const [a, b, c] = [record(demo), record(demo), record(demo)];
		const first = await applyChanges(db, demo.nurse, [a, b, c].map(recordChange), now);
		expect(statuses(first)).toEqual(['accepted', 'accepted', 'accepted']);
		const before = await countDeliveries(db, demo.organisationId);

		// `a` sent again with other content: still the same record, already stored.
		const changedA = { ...record(demo, { outcome: 'declined' }), id: a.id };
		const retry = await applyChanges(db, demo.nurse, [changedA, b, c].map(recordChange), now);
		expect(retry).toEqual([a, b, c].map((r) => ({ id: r.id, status: 'duplicate' })));
		expect(await countDeliveries(db, demo.organisationId)).toBe(before);
		expect((await storedRow(db, a.id))?.outcome).toBe('delivered');
	});

	it('answers duplicate to the second of two changes with the same id in one batch', async () => {
		const first = record(demo);
		const second = { ...first, outcome: 'declined' as const };
		expect(
			statuses(await applyChanges(db, demo.nurse, [first, second].map(recordChange), now))
		).toEqual(['accepted', 'duplicate']);
		expect((await storedRow(db, first.id))?.outcome).toBe('delivered');
	});

	it('accepts a record a little ahead of the server clock: device clocks drift', async () => {
		const input = record(demo, { recordedAt: at(4 * 60_000) });
		expect(statuses(await applyChanges(db, demo.nurse, [recordChange(input)], now))).toEqual([
			'accepted'
		]);
	});

	const refusals: Array<[string, (d: Demo) => Partial<DeliveryRecordInput>, RefusalReason]> = [
		['a ward that does not exist', () => ({ wardId: randomUUID() }), 'unknownWard'],
		[
			'a patient group that does not exist',
			() => ({ patientGroupId: randomUUID() }),
			'unknownPatientGroup'
		],
		['a briefing that does not exist', () => ({ briefingId: randomUUID() }), 'unknownBriefing'],
		[
			'a version of another briefing',
			(d) => ({ versionId: briefing(d, 'call-dont-fall').versionId }),
			'unknownVersion'
		],
		[
			'a version still in review',
			(d) => briefing(d, 'sepsis-when-to-get-help'),
			'versionNotPublished'
		],
		[
			'a format the version does not have',
			(d) => ({ ...briefing(d, 'call-dont-fall'), format: 'video' }),
			'variantNotInVersion'
		],
		['a language the version does not have', () => ({ language: 'pl' }), 'variantNotInVersion'],
		[
			'a time more than five minutes ahead',
			() => ({ recordedAt: at(6 * 60_000) }),
			'recordedInFuture'
		]
	];
	it.each(refusals)(
		'refuses a record naming %s, and stores nothing',
		async (_, changes, reason) => {
			const input = record(demo, changes(demo));
			const before = await countDeliveries(db, demo.organisationId);
			expect(await applyChanges(db, demo.nurse, [recordChange(input)], now)).toEqual([
				{ id: input.id, status: 'refused', reason }
			]);
			expect(await countDeliveries(db, demo.organisationId)).toBe(before);
			expect(await storedRow(db, input.id)).toBeUndefined();
		}
	);

	it('accepts a delivery given before its version was retired, and refuses one given after', async () => {
		const { versionId } = briefing(demo, 'preventing-blood-clots');
		const retiredAt = at(-30_000);
		await db
			.updateTable('briefing_version')
			.set({ status: 'retired', retired_at: retiredAt })
			.where('id', '=', versionId)
			.execute();
		try {
			const before = record(demo, {
				...briefing(demo, 'preventing-blood-clots'),
				recordedAt: at(-60_000)
			});
			const after = record(demo, {
				...briefing(demo, 'preventing-blood-clots'),
				recordedAt: at(-1_000)
			});
			const results = await applyChanges(db, demo.nurse, [before, after].map(recordChange), now);
			expect(results).toEqual([
				{ id: before.id, status: 'accepted' },
				{ id: after.id, status: 'refused', reason: 'versionNotPublished' }
			]);
		} finally {
			await db
				.updateTable('briefing_version')
				.set({ status: 'published', retired_at: null })
				.where('id', '=', versionId)
				.execute();
		}
	});

	it('keeps a record with the nurse who made it, whoever’s session sends it', async () => {
		const lead = demo.lead; // another account of the organisation that may use the ward
		const made = record(demo);
		const faked = record(demo);
		const results = await applyChanges(
			db,
			demo.nurse,
			[
				{ ...recordChange(made), madeBy: lead.id },
				{ ...recordChange(faked), madeBy: '00000000-0000-4000-8000-000000000000' }
			],
			now
		);
		expect(statuses(results)).toEqual(['accepted', 'accepted']);
		expect((await storedRow(db, made.id))?.recorded_by).toBe(lead.id);
		// An account the organisation does not have: the sender's session it is.
		expect((await storedRow(db, faked.id))?.recorded_by).toBe(demo.nurse.id);
	});

	it("refuses a record for another organisation's ward", async () => {
		const other = await createOrganisation(db, { name: 'Southfield' });
		const theirWard = await createWard(db, { organisationId: other.id, name: 'Ward 7' });
		const input = record(demo, { wardId: theirWard.id });
		expect(await applyChanges(db, demo.nurse, [recordChange(input)], now)).toEqual([
			{ id: input.id, status: 'refused', reason: 'unknownWard' }
		]);
	});

	it('refuses a change whose id is not the record id', async () => {
		const input = record(demo);
		const change = { ...recordChange(input), id: uuidv7() };
		expect(await applyChanges(db, demo.nurse, [change], now)).toEqual([
			{ id: change.id, status: 'refused', reason: 'idMismatch' }
		]);
		expect(await storedRow(db, input.id)).toBeUndefined();
	});

	it('refuses a kind of change it does not know', async () => {
		const change = { id: 'c1', kind: 'deliveryEdit', payload: record(demo) };
		expect(await applyChanges(db, demo.nurse, [change], now)).toEqual([
			{ id: 'c1', status: 'refused', reason: 'unknownKind' }
		]);
	});

	it('refuses a record carrying a patient identifier, naming the field but not its value', async () => {
		const input = { ...record(demo), nhsNumber: '9434765919' };
		const [result] = await applyChanges(
			db,
			demo.nurse,
			[{ id: input.id, kind: 'deliveryRecord', payload: input }],
			now
		);
		expect(result).toMatchObject({ id: input.id, status: 'refused', reason: 'invalid' });
		expect(result?.status === 'refused' && result.issues?.map((i) => i.field)).toEqual([
			'nhsNumber'
		]);
		expect(JSON.stringify(result)).not.toContain('9434765919');
		expect(await storedRow(db, input.id)).toBeUndefined();
	});

	it('names each field of an invalid payload', async () => {
		const input = { ...record(demo), outcome: 'maybe', talkedThrough: 'yes' };
		const [result] = await applyChanges(
			db,
			demo.nurse,
			[{ id: input.id, kind: 'deliveryRecord', payload: input }],
			now
		);
		expect(result?.status === 'refused' && result.issues?.map((i) => i.field)).toEqual([
			'outcome',
			'talkedThrough'
		]);
	});

	it('lets the good records of a batch through when one is refused', async () => {
		const [before, bad, after] = [
			record(demo),
			record(demo, { wardId: randomUUID() }),
			record(demo)
		];
		const results = await applyChanges(db, demo.nurse, [before, bad, after].map(recordChange), now);
		expect(statuses(results)).toEqual(['accepted', 'refused', 'accepted']);
		expect(await storedRow(db, before.id)).toMatchObject({ id: before.id });
		expect(await storedRow(db, after.id)).toMatchObject({ id: after.id });
	});

	it('stores the patient token only as its SHA-256, linked to the delivery', async () => {
		const token = randomBytes(16).toString('base64url');
		const input = record(demo, { patientToken: token });
		await applyChanges(db, demo.nurse, [recordChange(input)], now);

		const hash = createHash('sha256').update(token).digest('hex');
		expect(
			await db.selectFrom('patient_link').selectAll().where('delivery_id', '=', input.id).execute()
		).toEqual([
			{
				token_hash: hash,
				delivery_id: input.id,
				organisation_id: demo.nurse.organisationId,
				created_at: now.toISOString()
			}
		]);
		// Nowhere in the database holds the token itself.
		const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
		expect(tables.length).toBeGreaterThan(20);
		for (const { name } of tables) {
			const { rows } = await sql`select * from ${sql.table(name)}`.execute(db);
			expect(JSON.stringify(rows)).not.toContain(token);
		}
	});

	it('refuses a patient token already linked to another delivery', async () => {
		const token = randomBytes(16).toString('base64url');
		const first = record(demo, { patientToken: token });
		const second = record(demo, { patientToken: token });
		const third = record(demo, { patientToken: token });
		await applyChanges(db, demo.nurse, [recordChange(first)], now);
		const results = await applyChanges(db, demo.nurse, [second, third].map(recordChange), now);
		expect(results).toEqual(
			[second, third].map((r) => ({
				id: r.id,
				status: 'refused',
				reason: 'invalid',
				issues: [{ field: 'patientToken', message: 'already linked to another delivery' }]
			}))
		);
	});

	it('writes nothing of a batch when any write fails', async () => {
		await failInsertsInto(db, 'patient_link', 'disk full');
		try {
			const plain = record(demo);
			const linked = record(demo, { patientToken: randomBytes(16).toString('base64url') });
			await expect(
				applyChanges(db, demo.nurse, [plain, linked].map(recordChange), now)
			).rejects.toThrow('disk full');
			expect(await storedRow(db, plain.id)).toBeUndefined();
		} finally {
			await stopFailingInserts(db, 'patient_link');
		}
	});
});

describe('applyChanges: undo', () => {
	let demo: Demo;
	let db: Db;
	beforeAll(async () => {
		demo = await openDemo();
		db = demo.db;
	}, SLOW);
	afterAll(() => demo.db.destroy());

	async function recorded(changes: Partial<DeliveryRecordInput> = {}) {
		const input = record(demo, changes);
		expect(statuses(await applyChanges(db, demo.nurse, [recordChange(input)], now))).toEqual([
			'accepted'
		]);
		return input;
	}

	const revisions = (deliveryId: string) =>
		db
			.selectFrom('delivery_record_revision')
			.selectAll()
			.where('delivery_id', '=', deliveryId)
			.execute();

	it('voids the record within the window, keeps it, and writes a revision', async () => {
		const input = await recorded({ recordedAt: at(-50_000) });
		const counted = await countDeliveries(db, demo.organisationId);
		const all = await countDeliveries(db, demo.organisationId, { includeVoided: true });
		const undo = undoChange(input.id, at(-20_000));
		expect(await applyChanges(db, demo.nurse, [undo], now)).toEqual([
			{ id: undo.id, status: 'accepted' }
		]);

		expect(await storedRow(db, input.id)).toMatchObject({
			voided_at: now.toISOString(),
			voided_by: demo.nurse.id
		});
		expect(await countDeliveries(db, demo.organisationId)).toBe(counted - 1);
		expect(await countDeliveries(db, demo.organisationId, { includeVoided: true })).toBe(all);
		const [revision, ...more] = await revisions(input.id);
		expect(more).toEqual([]);
		expect(revision).toMatchObject({
			changed_at: now.toISOString(),
			changed_by: demo.nurse.id,
			change: 'undo'
		});
		expect(JSON.parse(revision?.before ?? '')).toMatchObject({
			id: input.id,
			outcome: 'delivered',
			recordedBy: demo.nurse.id,
			voidedAt: null
		});
	});

	it('answers duplicate to a retried undo, and writes no second revision', async () => {
		const input = await recorded();
		const undo = undoChange(input.id, at(0));
		await applyChanges(db, demo.nurse, [undo], now);
		expect(statuses(await applyChanges(db, demo.nurse, [undo], now))).toEqual(['duplicate']);
		expect(await revisions(input.id)).toHaveLength(1);
	});

	it('applies a record and its undo sent in one batch, in order', async () => {
		const input = record(demo);
		const results = await applyChanges(
			db,
			demo.nurse,
			[recordChange(input), undoChange(input.id, at(0))],
			now
		);
		expect(statuses(results)).toEqual(['accepted', 'accepted']);
		expect((await storedRow(db, input.id))?.voided_at).toBe(now.toISOString());

		const later = record(demo);
		const outOfOrder = await applyChanges(
			db,
			demo.nurse,
			[undoChange(later.id, at(0)), recordChange(later)],
			now
		);
		expect(outOfOrder.map((r) => (r.status === 'refused' ? r.reason : r.status))).toEqual([
			'unknownDelivery',
			'accepted'
		]);
	});

	it(`accepts an undo ${UNDO_WINDOW_SECONDS} seconds after recording, and refuses one a second later`, async () => {
		const onTime = await recorded({ recordedAt: at(-120_000) });
		const late = await recorded({ recordedAt: at(-120_000) });
		const results = await applyChanges(
			db,
			demo.nurse,
			[
				undoChange(onTime.id, at(-120_000 + UNDO_WINDOW_SECONDS * 1000)),
				undoChange(late.id, at(-120_000 + UNDO_WINDOW_SECONDS * 1000 + 1000))
			],
			now
		);
		expect(results.map((r) => (r.status === 'refused' ? r.reason : r.status))).toEqual([
			'accepted',
			'undoTooLate'
		]);
		expect((await storedRow(db, late.id))?.voided_at).toBeNull();
		expect(await revisions(late.id)).toEqual([]);
	});

	it('refuses an undo by another account', async () => {
		const input = await recorded();
		const undo = undoChange(input.id, at(0));
		expect(await applyChanges(db, demo.lead, [undo], now)).toEqual([
			{ id: undo.id, status: 'refused', reason: 'notYourDelivery' }
		]);
		expect((await storedRow(db, input.id))?.voided_at).toBeNull();
	});

	it("refuses an undo of a delivery it does not have, or of another organisation's", async () => {
		const input = await recorded();
		const other = await createOrganisation(db, { name: 'Southfield' });
		const outsider = await createStaffAccount(db, {
			organisationId: other.id,
			email: 'nurse@southfield.example',
			displayName: 'Sam Southfield',
			role: 'wardStaff',
			password: 'a long enough password'
		});
		const missing = undoChange(uuidv7(), at(0));
		const theirs = undoChange(input.id, at(0));
		expect(await applyChanges(db, demo.nurse, [missing], now)).toEqual([
			{ id: missing.id, status: 'refused', reason: 'unknownDelivery' }
		]);
		expect(await applyChanges(db, outsider, [theirs], now)).toEqual([
			{ id: theirs.id, status: 'refused', reason: 'unknownDelivery' }
		]);
		expect((await storedRow(db, input.id))?.voided_at).toBeNull();
	});
});

describe('listDeliveriesToday', () => {
	let demo: Demo;
	beforeAll(async () => {
		demo = await openDemo();
	}, SLOW);
	afterAll(() => demo.db.destroy());

	it("lists a ward's records since local midnight (GMT), newest first, without voided ones", async () => {
		const yesterday = record(demo, { recordedAt: '2026-03-09T23:59:59Z' });
		const early = record(demo, { recordedAt: '2026-03-10T00:00:00Z', format: 'video' });
		const later = record(demo, { recordedAt: '2026-03-10T08:30:00Z', outcome: 'declined' });
		const undone = record(demo, { recordedAt: at(-30_000) });
		const elsewhere = record(demo, { wardId: demo.ward12 });
		const batch = [yesterday, early, later, undone, elsewhere].map(recordChange);
		await applyChanges(demo.db, demo.nurse, [...batch, undoChange(undone.id, at(0))], now);

		expect(await listDeliveriesToday(demo.db, demo.organisationId, demo.ward7, now)).toEqual([
			{
				id: later.id,
				patientGroupId: demo.groupId,
				format: 'leaflet',
				language: 'en',
				outcome: 'declined',
				recordedAt: '2026-03-10T08:30:00.000Z'
			},
			{
				id: early.id,
				patientGroupId: demo.groupId,
				format: 'video',
				language: 'en',
				outcome: 'delivered',
				recordedAt: '2026-03-10T00:00:00.000Z'
			}
		]);
	});

	it('starts the day at midnight BST, an hour before midnight UTC', async () => {
		// Monday 30 March 2026, 08:00 BST; the clocks went forward the day before.
		const monday = new Date('2026-03-30T07:00:00Z');
		const sunday = record(demo, { recordedAt: '2026-03-29T22:59:59Z' }); // 23:59:59 BST
		const first = record(demo, { recordedAt: '2026-03-29T23:00:00Z' }); // 00:00 BST
		const early = record(demo, { recordedAt: '2026-03-29T23:30:00Z' }); // 00:30 BST
		await applyChanges(demo.db, demo.nurse, [sunday, first, early].map(recordChange), monday);

		const today = await listDeliveriesToday(demo.db, demo.organisationId, demo.ward7, monday);
		expect(today.map((d) => d.id)).toEqual([early.id, first.id]);
		const stored = await demo.db
			.selectFrom('delivery_record')
			.select(['id', 'recorded_day'])
			.where('id', 'in', [sunday.id, early.id])
			.orderBy('recorded_at')
			.execute();
		expect(stored).toEqual([
			{ id: sunday.id, recorded_day: '2026-03-29' },
			{ id: early.id, recorded_day: '2026-03-30' }
		]);
	});

	it("uses the organisation's own zone", async () => {
		await demo.db
			.updateTable('organisation')
			.set({ time_zone: 'Australia/Sydney' })
			.where('id', '=', demo.organisationId)
			.execute();
		// 13:30 UTC on 14 January is 00:30 on the 15th in Sydney (UTC+11 in summer).
		const then = new Date('2026-01-14T20:00:00Z');
		const late = record(demo, { recordedAt: '2026-01-14T12:30:00Z' }); // 23:30 on the 14th
		const early = record(demo, { recordedAt: '2026-01-14T13:30:00Z' }); // 00:30 on the 15th
		await applyChanges(demo.db, demo.nurse, [late, early].map(recordChange), then);
		const today = await listDeliveriesToday(demo.db, demo.organisationId, demo.ward7, then);
		expect(today.map((d) => d.id)).toEqual([early.id]);
	});
});

describe('applyChanges: a device catching up', () => {
	let dir: string;
	let demo: Demo;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'toolkit-deliveries-'));
		demo = await openDemo(join(dir, 'toolkit.sqlite'));
	}, SLOW);
	afterAll(async () => {
		await demo.db.destroy();
		rmSync(dir, { recursive: true, force: true });
	});

	it('applies 22,500 records in big batches and the WAL stays small', async () => {
		const file = join(dir, 'toolkit.sqlite');
		// More than one multi-row insert can bind: the insert is split into chunks.
		const big = Array.from({ length: 2_500 }, () => recordChange(record(demo)));
		const results = await applyChanges(demo.db, demo.nurse, big, now);
		expect(results.every((r) => r.status === 'accepted')).toBe(true);

		for (let i = 0; i < 40; i++) {
			const batch = Array.from({ length: 500 }, () =>
				recordChange(record(demo, { patientToken: randomBytes(16).toString('base64url') }))
			);
			const answered = await applyChanges(demo.db, demo.nurse, batch, now);
			expect(answered.filter((r) => r.status !== 'accepted')).toEqual([]);
		}

		expect(await countDeliveries(demo.db, demo.organisationId)).toBe(22_500);
		// Checkpoints keep the WAL near 1,000 pages (4 MB) plus the biggest transaction: 5 MB
		// here. An unfinished statement (TOOLCHAIN.md) stops them, and the WAL then holds every
		// page ever written: 50 MB here, tried by holding a read open on a second connection.
		if (testEngine === 'sqlite') expect(statSync(`${file}-wal`).size).toBeLessThan(8 * 1024 * 1024);
	}, 60_000);
});
