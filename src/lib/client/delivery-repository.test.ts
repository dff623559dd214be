import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import { DeliveryRepository, undoChangeId } from './delivery-repository';
import { DeviceDb } from './device-db';
import { OutboxRepository } from './outbox-repository';

let db: DeviceDb;
let deliveries: DeliveryRepository;
let outbox: OutboxRepository;

beforeEach(() => {
	db = new DeviceDb(`deliveries-${crypto.randomUUID()}`);
	deliveries = new DeliveryRepository(db);
	outbox = new OutboxRepository(db);
});
afterEach(async () => {
	await db.delete();
});

const ward = '7f2b4f70-3f1e-4a53-9a3e-0d6f7b1c2a11';
function record(recordedAt: Date, wardId = ward): DeliveryRecordInput {
	return {
		id: uuidv7({ msecs: recordedAt.getTime() }),
		wardId,
		patientGroupId: '0b5e7a90-9f7c-4c1e-8d2a-3b4c5d6e7f80',
		briefingId: '1c6f8ba1-0a8d-4d2f-9e3b-4c5d6e7f8091',
		versionId: '2d7a9cb2-1b9e-4e30-8f4c-5d6e7f8091a2',
		format: 'video',
		language: 'en',
		outcome: 'delivered',
		talkedThrough: true,
		interpreterUsed: false,
		carerPresent: false,
		teachBack: 'confirmed',
		recordedAt: recordedAt.toISOString()
	};
}

describe('DeliveryRepository', () => {
	it('saves a record and queues it for the server in one go', async () => {
		const r = record(new Date());
		await deliveries.save(r, { displayName: 'Wyn' });
		expect((await deliveries.get(r.id))?.syncState).toBe('waiting');
		expect((await outbox.pending()).map((e) => [e.id, e.kind])).toEqual([[r.id, 'deliveryRecord']]);
	});

	it('keeps questions left unanswered as null on the device and in what it sends', async () => {
		const r = {
			...record(new Date()),
			talkedThrough: null,
			interpreterUsed: null,
			carerPresent: null,
			teachBack: null,
			languageNeeded: 'pl' as const
		};
		await deliveries.save(r, { displayName: 'Wyn' });
		expect((await deliveries.get(r.id))?.record).toEqual(r);
		const [entry] = await outbox.pending();
		expect(entry?.payload).toEqual(r);
	});

	it('saves neither when the outbox write fails', async () => {
		const r = record(new Date());
		await outbox.enqueue({ id: r.id, kind: 'other', payload: null });
		await expect(deliveries.save(r, { displayName: 'Wyn' })).rejects.toThrow();
		expect(await deliveries.get(r.id)).toBeUndefined();
	});

	it('forgets a record undone before it was ever sent', async () => {
		const now = new Date();
		const r = record(now);
		await deliveries.save(r, { displayName: 'Wyn' });
		await deliveries.undo(r.id, new Date(now.getTime() + 30_000));
		expect(await deliveries.get(r.id)).toBeUndefined();
		expect(await outbox.pending()).toEqual([]);
	});

	it('voids a record already sent and queues an undo behind it', async () => {
		const now = new Date();
		const r = record(now);
		await deliveries.save(r, { displayName: 'Wyn' });
		await outbox.markAttempted([r.id]);
		await outbox.acknowledge([r.id]);
		expect((await deliveries.get(r.id))?.syncState).toBe('sent');

		await deliveries.undo(r.id, new Date(now.getTime() + 59_000));
		expect((await deliveries.get(r.id))?.voided).toBe(true);
		const [undo] = await outbox.pending();
		expect(undo).toMatchObject({ id: undoChangeId(r.id), kind: 'deliveryUndo' });
		expect(undo?.payload).toMatchObject({ deliveryId: r.id });
	});

	it('queues an undo behind a record that may be in flight', async () => {
		const now = new Date();
		const r = record(now);
		await deliveries.save(r, { displayName: 'Wyn' });
		await outbox.markAttempted([r.id]);
		await deliveries.undo(r.id, new Date(now.getTime() + 1000));
		expect((await outbox.pending()).map((e) => e.id)).toEqual([r.id, undoChangeId(r.id)]);
	});

	it('queues an undo, with the record’s maker, once a sync has taken the record', async () => {
		const now = new Date();
		const r = record(now);
		await deliveries.save(r, { id: 'nurse-a', displayName: 'A' });
		const { entries, mark } = await outbox.takeBatch(500, now);
		expect(entries).toMatchObject([{ id: r.id, madeBy: 'nurse-a' }]);
		expect(mark).not.toBeNull();
		await deliveries.undo(r.id, new Date(now.getTime() + 1000));
		const queued = await outbox.pending();
		expect(queued.map((e) => [e.id, e.madeBy])).toEqual([
			[r.id, 'nurse-a'],
			[undoChangeId(r.id), 'nurse-a']
		]);
	});

	it('forgets a record whose batch was answered without it being sent again', async () => {
		const now = new Date();
		const [sent, kept] = [record(now), record(new Date(now.getTime() + 1))];
		await deliveries.save(sent, { displayName: 'Wyn' });
		const { mark } = await outbox.takeBatch(500, now);
		await deliveries.save(kept, { displayName: 'Wyn' });
		await outbox.acknowledge([sent.id]);
		await outbox.release(mark, [], now);
		// `kept` was never in a batch: undone, it is simply forgotten.
		await deliveries.undo(kept.id, new Date(now.getTime() + 1000));
		expect(await deliveries.get(kept.id)).toBeUndefined();
		expect(await outbox.pending()).toEqual([]);
	});

	it('does nothing after the minute has passed', async () => {
		const now = new Date();
		const r = record(now);
		await deliveries.save(r, { displayName: 'Wyn' });
		await deliveries.undo(r.id, new Date(now.getTime() + 61_000));
		expect((await deliveries.get(r.id))?.voided).toBe(false);
		expect(await outbox.pending()).toHaveLength(1);
	});

	it('reads each record’s sync state from the outbox: waiting, sent or refused', async () => {
		const now = Date.now();
		const a = record(new Date(now - 3000));
		const b = record(new Date(now - 2000));
		const c = record(new Date(now - 1000));
		expect(await deliveries.save(a, { displayName: 'Wyn' })).toMatchObject({
			id: a.id,
			syncState: 'waiting',
			refusal: null
		});
		for (const r of [b, c]) await deliveries.save(r, { displayName: 'Wyn' });
		expect((await deliveries.get(a.id))?.syncState).toBe('waiting');
		await outbox.acknowledge([a.id]);
		await outbox.refuse(b.id, 'versionNotPublished');
		expect((await deliveries.get(a.id))?.syncState).toBe('sent');
		expect(await deliveries.get(b.id)).toMatchObject({
			syncState: 'refused',
			refusal: 'versionNotPublished'
		});
		// Today's list reads the same states, in bulk.
		const today = await deliveries.today(ward, 'Europe/London', new Date(now));
		expect(today.map((d) => [d.id, d.syncState, d.refusal])).toEqual([
			[c.id, 'waiting', null],
			[b.id, 'refused', 'versionNotPublished'],
			[a.id, 'sent', null]
		]);
	});

	it('reads a record the server held for the lead as held, not sent, from the outbox’s notes', async () => {
		const now = Date.now();
		const [sent, held, waiting] = [3000, 2000, 1000].map((ago) => record(new Date(now - ago)));
		for (const r of [sent, held, waiting]) await deliveries.save(r!, { displayName: 'Wyn' });
		await outbox.acknowledge([sent!.id]);
		// As the sync does with a `held` answer: out of the outbox, noted for the ward.
		await outbox.hold([{ id: held!.id, reason: 'versionNotPublished' }], new Date(now));
		expect(await deliveries.get(held!.id)).toMatchObject({
			syncState: 'held',
			refusal: null
		});
		expect((await deliveries.get(sent!.id))?.syncState).toBe('sent');
		const today = await deliveries.today(ward, 'Europe/London', new Date(now));
		expect(today.map((d) => [d.id, d.syncState])).toEqual([
			[waiting!.id, 'waiting'],
			[held!.id, 'held'],
			[sent!.id, 'sent']
		]);
		// The note is kept two days, longer than today's list shows the record (the next test);
		// dropped then, as the next is added, the record reads as any the server has: sent.
		const later = record(new Date(now + 49 * 3_600_000));
		await deliveries.save(later, { displayName: 'Wyn' });
		await outbox.hold([{ id: later.id, reason: 'wardRetired' }], new Date(now + 49 * 3_600_000));
		expect((await deliveries.get(held!.id))?.syncState).toBe('sent');
		expect((await deliveries.get(later.id))?.syncState).toBe('held');
	});

	it('reads a record held just after midnight as held all that local day, 25 hours the day the clocks go back', async () => {
		// Sunday 25 October 2026 in London: the clocks go back at 02:00 BST, so the day runs from
		// 23:00 UTC on the Saturday to 00:00 UTC on the Monday. Saved at 00:30 BST and held by the
		// server a minute later.
		const early = record(new Date('2026-10-24T23:30:00Z'));
		await deliveries.save(early, { displayName: 'Wyn' });
		await outbox.hold(
			[{ id: early.id, reason: 'versionNotPublished' }],
			new Date('2026-10-24T23:31:00Z')
		);
		// Late that evening (23:40 GMT, 24 hours 9 minutes on), another is saved and held: its
		// note is added beside the first, which is kept.
		const late = record(new Date('2026-10-25T23:40:00Z'));
		await deliveries.save(late, { displayName: 'Wyn' });
		await outbox.hold([{ id: late.id, reason: 'wardRetired' }], new Date('2026-10-25T23:41:00Z'));

		// 23:45 GMT, still Sunday 25 October in London: today's list shows both, both held.
		const lateEvening = new Date('2026-10-25T23:45:00Z');
		const today = await deliveries.today(ward, 'Europe/London', lateEvening);
		expect(today.map((d) => [d.id, d.syncState])).toEqual([
			[late.id, 'held'],
			[early.id, 'held']
		]);
		expect((await deliveries.get(early.id))?.syncState).toBe('held');
		// At midnight the day ends, and its list with it.
		const monday = new Date('2026-10-26T00:00:00Z');
		expect(await deliveries.today(ward, 'Europe/London', monday)).toEqual([]);
	});

	it("lists today's deliveries for one ward, newest first, without undone ones", async () => {
		const now = new Date();
		const earlier = new Date(now.getTime() - 1000);
		const yesterday = new Date(now.getTime() - 36 * 3_600_000);
		const other = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
		const [first, second, old, elsewhere] = [
			record(earlier),
			record(now),
			record(yesterday),
			record(now, other)
		];
		for (const r of [first, second, old, elsewhere])
			await deliveries.save(r!, { displayName: 'Wyn' });
		const voided = record(now);
		await deliveries.save(voided, { displayName: 'Wyn' });
		await outbox.markAttempted([voided.id]);
		await deliveries.undo(voided.id, now);

		const today = await deliveries.today(ward, 'Europe/London', now);
		expect(today.map((d) => d.id)).toEqual([second!.id, first!.id]);
	});

	it("starts today at the organisation's midnight, not the tablet's or UTC's", async () => {
		// Monday 30 March 2026, 00:40 BST (23:40 UTC on the Sunday).
		const now = new Date('2026-03-29T23:40:00Z');
		const [sunday, monday] = [
			record(new Date('2026-03-29T22:50:00Z')), // 23:50 BST on Sunday
			record(new Date('2026-03-29T23:10:00Z')) // 00:10 BST on Monday
		];
		for (const r of [sunday, monday]) await deliveries.save(r!, { displayName: 'Wyn' });
		const london = await deliveries.today(ward, 'Europe/London', now);
		expect(london.map((d) => d.id)).toEqual([monday!.id]);
		// The same records for an organisation on UTC: both on Sunday 29 March, still "today".
		const utc = await deliveries.today(ward, 'UTC', now);
		expect(utc.map((d) => d.id)).toEqual([monday!.id, sunday!.id]);
	});
});
