import Dexie, { liveQuery, type ObservabilitySet } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addTogether, mutatedParts } from './add-together';
import { DeviceDb, type StoredDelivery } from './device-db';

let db: DeviceDb;

beforeEach(() => {
	db = new DeviceDb(`add-together-${crypto.randomUUID()}`);
});
afterEach(async () => {
	vi.restoreAllMocks();
	await db.delete();
});

const delivery = (id: string): StoredDelivery => ({
	id,
	wardId: 'ward-7',
	recordedAt: '2026-12-06T10:00:00.000Z',
	record: {} as StoredDelivery['record'],
	recordedByName: 'A nurse',
	voided: false
});
const entry = (id: string) => ({
	id,
	kind: 'deliveryRecord',
	payload: { id },
	createdAt: '2026-12-06T10:00:00.000Z',
	attempts: 0,
	lastAttemptAt: null,
	refusal: null
});
const both = (id: string) => [
	{ table: db.deliveries, row: delivery(id) },
	{ table: db.outbox, row: entry(id) }
];

/** The next change Dexie announces to this test's database (not an earlier test's). */
function nextAnnounced(): Promise<ObservabilitySet> {
	const ours = `idb://${db.name}/`;
	return new Promise((resolve) => {
		const heard = (parts: ObservabilitySet) => {
			if (!Object.keys(parts).some((part) => part.startsWith(ours))) return;
			Dexie.on.storagemutated.unsubscribe(heard);
			resolve(parts);
		};
		Dexie.on.storagemutated.subscribe(heard);
	});
}

describe('addTogether', () => {
	it('writes straight to IndexedDB when the database is open, not through a Dexie transaction', async () => {
		await db.open();
		const viaDexie = vi.spyOn(db, 'transaction');
		await addTogether(db, both('a'));
		expect(viaDexie).not.toHaveBeenCalled();
		expect((await db.deliveries.get('a'))?.wardId).toBe('ward-7');
		expect((await db.outbox.get('a'))?.kind).toBe('deliveryRecord');
	});

	it('keeps all the rows or none: a key already there refuses the others too', async () => {
		await db.open();
		await db.outbox.add(entry('taken'));
		await expect(addTogether(db, both('taken'))).rejects.toMatchObject({
			name: 'ConstraintError'
		});
		expect(await db.deliveries.get('taken')).toBeUndefined();

		await db.deliveries.add(delivery('kept'));
		await expect(addTogether(db, both('kept'))).rejects.toMatchObject({
			name: 'ConstraintError'
		});
		expect(await db.outbox.get('kept')).toBeUndefined();
	});

	it('keeps none when IndexedDB cannot take a row at all', async () => {
		await db.open();
		const rows = [
			{ table: db.deliveries, row: delivery('b') },
			{ table: db.outbox, row: { ...entry('c'), payload: () => 'not cloneable' } }
		];
		await expect(addTogether(db, rows)).rejects.toMatchObject({ name: 'DataCloneError' });
		expect(await db.deliveries.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it("tells Dexie's observers, so a liveQuery sees the new row", async () => {
		await db.open();
		const seen: Array<string | undefined> = [];
		const subscription = liveQuery(() => db.deliveries.get('d')).subscribe((row) =>
			seen.push(row?.id)
		);
		try {
			// Bounds for a busy machine; each answer comes in a few milliseconds.
			await expect.poll(() => seen, { timeout: 10_000 }).toEqual([undefined]);
			const announced = nextAnnounced();
			await addTogether(db, both('d'));
			expect(Object.keys(await announced).sort()).toEqual(
				Object.keys(mutatedParts(db.name, both('d'))).sort()
			);
			await expect.poll(() => seen, { timeout: 10_000 }).toEqual([undefined, 'd']);
		} finally {
			subscription.unsubscribe();
		}
	});

	it('names each table and index the rows change, as Dexie does', async () => {
		await db.open();
		const announced = nextAnnounced();
		await db.transaction('rw', db.deliveries, db.outbox, () =>
			Promise.all([db.deliveries.add(delivery('e')), db.outbox.add(entry('e'))])
		);
		// Dexie also names, with no keys, the indexes these rows have no entry in (a null refusal,
		// the syncState no row has had since sync states came from the outbox), and deletions.
		const byDexie = Object.keys(await announced).filter(
			(part) => !/(:dels|\/refusal|\/syncState)$/.test(part)
		);
		const ours = Object.keys(mutatedParts(db.name, both('e2')));
		expect(ours.sort()).toEqual(byDexie.sort());
		expect(ours).toEqual(
			expect.arrayContaining([
				`idb://${db.name}/deliveries/[wardId+recordedAt]`,
				`idb://${db.name}/outbox/createdAt`
			])
		);
	});

	it('opens the database through Dexie when it is not open yet', async () => {
		expect(db.isOpen()).toBe(false);
		await addTogether(db, both('f'));
		expect(await db.outbox.get('f')).toBeDefined();
	});

	it('joins a Dexie transaction under way: undone with it when it fails', async () => {
		await db.open();
		await expect(
			db.transaction('rw', db.deliveries, db.outbox, async () => {
				await addTogether(db, both('g'));
				throw new Error('the rest of the change failed');
			})
		).rejects.toThrow('the rest of the change failed');
		expect(await db.deliveries.get('g')).toBeUndefined();
		expect(await db.outbox.get('g')).toBeUndefined();
	});
});
