import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceDb, type OutboxEntry } from './device-db';
import { OutboxRepository } from './outbox-repository';

let db: DeviceDb;
let outbox: OutboxRepository;

beforeEach(() => {
	db = new DeviceDb(`test-${crypto.randomUUID()}`);
	outbox = new OutboxRepository(db);
});
afterEach(async () => {
	await db.delete();
});

const entry = (id: string) => ({ id, kind: 'deliveryRecord', payload: { id } });

describe('OutboxRepository', () => {
	it('keeps entries in the order they were made until acknowledged', async () => {
		await outbox.enqueue(entry('b'), undefined, new Date('2026-11-26T10:00:00Z'));
		await outbox.enqueue(entry('a'), undefined, new Date('2026-11-26T10:00:01Z'));
		expect((await outbox.pending()).map((e) => e.id)).toEqual(['b', 'a']);

		await outbox.acknowledge(['b']);
		expect((await outbox.pending()).map((e) => e.id)).toEqual(['a']);
		expect(await outbox.counts()).toEqual({ waiting: 1, refused: 0 });
	});

	it('forgets exactly the acknowledged entries, whether or not others lie between them', async () => {
		for (const id of ['a', 'b', 'c', 'd', 'e']) await outbox.enqueue(entry(id));
		// One run of keys (b, c), and an id already gone (bb): b and c go, the rest stay.
		await outbox.acknowledge(['c', 'bb', 'b']);
		expect((await db.outbox.toCollection().primaryKeys()).sort()).toEqual(['a', 'd', 'e']);
		// An entry not acknowledged (d) between two that are (a, e): it stays.
		await outbox.acknowledge(['e', 'a']);
		expect(await db.outbox.toCollection().primaryKeys()).toEqual(['d']);
		await outbox.acknowledge([]);
		expect(await outbox.counts()).toEqual({ waiting: 1, refused: 0 });
	});

	it('writes the change and its outbox entry together, or neither', async () => {
		await db.settings.put({ key: 'last', value: 'old' });
		// The change's own row cannot be added (its key is taken): its entry is not queued.
		await expect(
			outbox.enqueue(entry('x'), { table: db.settings, row: { key: 'last', value: 'x' } })
		).rejects.toMatchObject({ name: 'ConstraintError' });
		expect(await outbox.pending()).toEqual([]);

		// The entry cannot be added (queued already): the change's row is not kept either.
		await outbox.enqueue(entry('y'));
		await expect(
			outbox.enqueue(entry('y'), { table: db.settings, row: { key: 'new', value: 'y' } })
		).rejects.toMatchObject({ name: 'ConstraintError' });
		expect(await db.settings.get('new')).toBeUndefined();

		await outbox.enqueue(entry('z'), { table: db.settings, row: { key: 'new', value: 'z' } });
		expect((await db.settings.get('new'))?.value).toBe('z');
		expect((await outbox.pending()).map((e) => e.id)).toEqual(['y', 'z']);
	});

	it('refuses a duplicate id rather than queueing it twice', async () => {
		await outbox.enqueue(entry('same'));
		await expect(outbox.enqueue(entry('same'))).rejects.toThrow();
		expect(await outbox.counts()).toEqual({ waiting: 1, refused: 0 });
	});

	it('keeps a refused entry with its reason and stops retrying it', async () => {
		await outbox.enqueue(entry('r'));
		await outbox.markAttempted(['r'], new Date('2026-11-26T11:00:00Z'));
		await outbox.refuse('r', 'versionRetired');
		expect(await outbox.pending()).toEqual([]);
		const [refused] = await outbox.refused();
		expect(refused).toMatchObject({ id: 'r', refusal: 'versionRetired', attempts: 1 });
		expect(await outbox.counts()).toEqual({ waiting: 0, refused: 1 });
	});

	it('keeps its notes of records held for the lead two days; the sync status tells of a day’s', async () => {
		const hour = (h: number) => new Date(Date.UTC(2026, 9, 24, 23) + h * 3_600_000);
		for (const [h, id] of [
			[0, 'first'],
			[25, 'second'],
			[47, 'third']
		] as const) {
			await outbox.enqueue(entry(id), undefined, hour(h));
			await outbox.hold([{ id, reason: 'versionNotPublished' }], hour(h));
		}
		// 47 hours on: every note kept, for today's list; the last day's for the sync status.
		expect((await outbox.heldNotes()).map((n) => n.id)).toEqual(['first', 'second', 'third']);
		expect((await outbox.held(hour(47))).map((n) => n.id)).toEqual(['second', 'third']);
		// The next added at 49 hours: the first, two days old, goes.
		await outbox.hold([{ id: 'fourth', reason: 'wardRetired' }], hour(49));
		expect((await outbox.heldNotes()).map((n) => n.id)).toEqual(['second', 'third', 'fourth']);
	});

	it('survives the database being closed and opened again, as after a reload', async () => {
		await outbox.enqueue(entry('kept'));
		db.close();
		const reopened = new DeviceDb(db.name);
		expect((await new OutboxRepository(reopened).pending()).map((e) => e.id)).toEqual(['kept']);
		reopened.close();
	});

	describe('the next batch, while one is on its way', () => {
		const minute = (m: number) => new Date(Date.UTC(2026, 10, 26, 10, m));
		const ids = (entries: { id: string }[]) => entries.map((e) => e.id);

		it('leaves out the batch on its way and the refused, oldest first', async () => {
			for (const [i, id] of ['a', 'b', 'c', 'd', 'e'].entries())
				await outbox.enqueue(entry(id), undefined, minute(i));
			await outbox.refuse('b', 'versionRetired');
			const onItsWay = (await db.outbox.bulkGet(['a', 'c'])) as OutboxEntry[];
			expect(ids(await outbox.pending(2, onItsWay))).toEqual(['d', 'e']);
			expect(ids(await outbox.pending(1, onItsWay))).toEqual(['d']);
		});

		it('takes entries made in the same millisecond as the newest on its way', async () => {
			for (const id of ['x', 'y', 'z']) await outbox.enqueue(entry(id), undefined, minute(0));
			const { entries } = await outbox.takeBatch(1, minute(1));
			expect(ids(entries)).toEqual(['x']);
			expect(ids(await outbox.pending(5, entries))).toEqual(['y', 'z']);
		});

		it('still finds an older entry that is not on its way (the tablet’s clock put back)', async () => {
			await outbox.enqueue(entry('a'), undefined, minute(5));
			await outbox.enqueue(entry('b'), undefined, minute(6));
			const { entries } = await outbox.takeBatch(2, minute(7));
			await outbox.enqueue(entry('early'), undefined, minute(1));
			await outbox.enqueue(entry('late'), undefined, minute(8));
			expect(ids(await outbox.pending(5, entries))).toEqual(['early', 'late']);
		});
	});

	describe('a batch on its way', () => {
		const at = new Date('2026-11-26T12:00:00Z');
		const attemptsOf = async () =>
			Object.fromEntries((await db.outbox.toArray()).map((e) => [e.id, e.attempts]));

		it('is marked by one row while it travels: each entry perhaps sent, none rewritten', async () => {
			for (const id of ['a', 'b', 'c']) await outbox.enqueue(entry(id));
			const { entries, mark } = await outbox.takeBatch(2, at);
			expect(entries.map((e) => e.id)).toEqual(['a', 'b']);
			expect(await db.sending.toArray()).toEqual([
				{ id: mark, ids: ['a', 'b'], at: at.toISOString() }
			]);
			expect(await attemptsOf()).toEqual({ a: 0, b: 0, c: 0 });
			const [a, , c] = await db.outbox.toArray();
			expect(await outbox.perhapsSent(a!)).toBe(true);
			expect(await outbox.perhapsSent(c!)).toBe(false);
			// The next batch leaves the one on its way out.
			const next = await outbox.takeBatch(2, at, entries);
			expect(next.entries.map((e) => e.id)).toEqual(['c']);
		});

		it('once answered, forgets its mark and marks each entry still here', async () => {
			for (const id of ['a', 'b', 'c']) await outbox.enqueue(entry(id));
			const { mark } = await outbox.takeBatch(3, at);
			await outbox.acknowledge(['a']);
			await outbox.refuse('b', 'versionRetired');
			await outbox.release(mark, ['b', 'c'], at);
			expect(await db.sending.count()).toBe(0);
			expect(await attemptsOf()).toEqual({ b: 1, c: 1 });
			const [, c] = await db.outbox.toArray();
			expect(await outbox.perhapsSent(c!)).toBe(true);
		});

		it('left by a run that never had its answer, is settled on its entries when the next starts', async () => {
			for (const id of ['a', 'b', 'c']) await outbox.enqueue(entry(id));
			const first = await outbox.takeBatch(2, at);
			await outbox.takeBatch(1, at, first.entries);
			await outbox.acknowledge(['b']); // the service worker's run had it answered meanwhile
			await outbox.settleLeftMarks(at);
			expect(await db.sending.count()).toBe(0);
			expect(await attemptsOf()).toEqual({ a: 1, c: 1 });
			await outbox.settleLeftMarks(at);
			expect(await attemptsOf()).toEqual({ a: 1, c: 1 });
		});

		it('takes nothing and leaves no mark when nothing waits', async () => {
			expect(await outbox.takeBatch(500, at)).toEqual({ entries: [], mark: null });
			expect(await db.sending.count()).toBe(0);
		});
	});

	it('keeps a tablet’s waiting entries when its database is upgraded to batch marks (version 3)', async () => {
		db.close();
		const before = new Dexie(db.name);
		before.version(1).stores({ outbox: 'id, kind, createdAt, refusal', settings: 'key' });
		before.version(2).stores({ deliveries: 'id, [wardId+recordedAt], syncState', content: 'key' });
		await before.table('outbox').add({
			...entry('waiting'),
			createdAt: '2026-11-26T10:00:00.000Z',
			attempts: 1,
			lastAttemptAt: '2026-11-26T10:00:05.000Z',
			refusal: null
		});
		before.close();
		db = new DeviceDb(db.name);
		const upgraded = new OutboxRepository(db);
		const [kept] = await upgraded.pending();
		expect(kept).toMatchObject({ id: 'waiting', attempts: 1 });
		expect(await upgraded.perhapsSent(kept!)).toBe(true);
		expect(await db.sending.count()).toBe(0);
	});
});
