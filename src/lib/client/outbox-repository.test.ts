import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceDb } from './device-db';
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
		await expect(
			outbox.enqueue(entry('x'), async () => {
				await db.settings.put({ key: 'last', value: 'x' });
				throw new Error('disk full');
			})
		).rejects.toThrow('disk full');
		expect(await db.settings.get('last')).toBeUndefined();
		expect(await outbox.pending()).toEqual([]);

		await outbox.enqueue(entry('y'), () => db.settings.put({ key: 'last', value: 'y' }));
		expect((await db.settings.get('last'))?.value).toBe('y');
		expect((await outbox.pending()).map((e) => e.id)).toEqual(['y']);
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

	it('survives the database being closed and opened again, as after a reload', async () => {
		await outbox.enqueue(entry('kept'));
		db.close();
		const reopened = new DeviceDb(db.name);
		expect((await new OutboxRepository(reopened).pending()).map((e) => e.id)).toEqual(['kept']);
		reopened.close();
	});
});
