import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { WardContent } from '$lib/domain/ward-content';
import { openDevice, sendOutbox, lastSyncOf, type Device } from './device';
import { take } from './sign-out-queue';
import { saveFailureOf, WardDevice, type WardDeviceOptions } from './ward-device.svelte';

let device: Device;
beforeEach(() => {
	device = openDevice(`ward-device-${crypto.randomUUID()}`);
});
afterEach(async () => {
	await device.db.delete();
});

const wardId = '7f2b4f70-3f1e-4a53-9a3e-0d6f7b1c2a11';
const content = (fetchedAt: string): WardContent => ({
	fetchedAt,
	organisationName: 'Northfield',
	organisationSlug: 'northfield',
	timeZone: 'Europe/London',
	defaultLanguages: [],
	wards: [{ id: wardId, name: 'Ward 7' }],
	groups: [],
	briefings: []
});
const staff = { id: 'a1b2c3d4-0000-4000-8000-000000000001', displayName: 'Wyn', email: 'w@x.nhs' };
const options = (served: WardContent, signOutKey: string | null = null): WardDeviceOptions => ({
	served,
	wardId,
	staff,
	signOutKey
});

function record(): DeliveryRecordInput {
	return {
		id: uuidv7(),
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
		recordedAt: new Date().toISOString()
	};
}

describe('the ward device', () => {
	it('keeps the page’s content, and shows the device’s copy when it is newer', async () => {
		const older = content('2026-12-01T09:00:00.000Z');
		const newer = content('2026-12-02T09:00:00.000Z');
		const first = new WardDevice(() => options(newer));
		await first.open(device);
		expect(first.content.fetchedAt).toBe(newer.fetchedAt);

		// A page from the offline cache, older than what the device already has.
		const cached = new WardDevice(() => options(older));
		await cached.open(device);
		expect(cached.content.fetchedAt).toBe(newer.fetchedAt);
	});

	it('fetches content published since the page loaded, keeps it, and shows it when asked', async () => {
		const served = content('2026-12-01T09:00:00.000Z');
		const ward = new WardDevice(() => options(served));
		await ward.open(device);
		const published = {
			...content('2026-12-01T10:00:00.000Z'),
			wards: [...served.wards, { id: '8a3c5e81-4f2a-4b64-a04f-1e7d8c2b3a40', name: 'Ward 8' }]
		};
		const asked: Array<string | null> = [];
		const answer =
			(body: WardContent | null, status = 200, etag = '"v2"') =>
			async (tag: string | null) => {
				asked.push(tag);
				return new Response(body && JSON.stringify(body), { status, headers: { etag } });
			};

		// Only the time it was read differs: nothing new to show.
		await ward.checkContent(answer({ ...served, fetchedAt: '2026-12-01T09:30:00.000Z' }), 0);
		expect(ward.newerContent).toBeNull();
		// Asked again within the minute: not sent.
		await ward.checkContent(answer(published), 1000);
		expect(asked).toHaveLength(1);

		// Unless asked at once (the page seen again, the network back).
		await ward.checkContent(answer(published), 2000, true);
		expect(asked).toEqual([null, '"v2"']);
		expect(ward.newerContent?.wards).toHaveLength(2);
		// Kept on the device at once (a reload, even offline, shows it), shown only when asked.
		expect((await device.db.content.get('ward'))?.content).toEqual(published);
		expect(ward.content.wards).toHaveLength(1);
		ward.useNewerContent();
		expect(ward.content.wards).toHaveLength(2);
		expect(ward.newerContent).toBeNull();

		// Unchanged (304), refused, or no network: nothing changes, and nothing is thrown.
		await ward.checkContent(answer(null, 304), 122_000);
		await ward.checkContent(answer(null, 401), 183_000);
		await ward.checkContent(() => Promise.reject(new TypeError('Failed to fetch')), 244_000);
		expect(ward.newerContent).toBeNull();
		expect(ward.content.fetchedAt).toBe(published.fetchedAt);
	});

	it('tells when the tablet’s clock is wrong, from the server’s answers, and when it is right again', async () => {
		const served = content('2026-12-01T09:00:00.000Z');
		const ward = new WardDevice(() => options(served));
		await ward.open(device);
		const answerDated = (date: Date) => async () =>
			new Response(null, { status: 304, headers: { date: date.toUTCString() } });

		await ward.checkContent(answerDated(new Date(Date.now() + 3 * 3_600_000)), 0, true);
		expect(ward.clockOffset).toBeLessThan(-3 * 3_600_000 + 2000);
		expect(ward.clockOffset).toBeGreaterThan(-3 * 3_600_000 - 2000);
		// An answer without a date cannot tell, so no warning; one that agrees clears it too.
		await ward.checkContent(async () => new Response(null, { status: 304 }), 0, true);
		expect(ward.clockOffset).toBeNull();
		await ward.checkContent(answerDated(new Date(Date.now() - 3 * 3_600_000)), 0, true);
		expect(ward.clockOffset).toBeGreaterThan(3 * 3_600_000 - 2000);
		await ward.checkContent(answerDated(new Date()), 0, true);
		expect(ward.clockOffset).toBeNull();
	});

	it('lists everything the server refused, whatever its day or ward', async () => {
		const ward = new WardDevice(() => options(content(new Date().toISOString())));
		await ward.open(device);
		const yesterday = { ...record(), recordedAt: '2026-12-01T09:00:00.000Z' };
		const elsewhere = { ...record(), wardId: '8a3c5e81-4f2a-4b64-a04f-1e7d8c2b3a40' };
		for (const r of [yesterday, elsewhere, record()]) await device.deliveries.save(r, staff);
		await device.outbox.refuseAll([
			{ id: yesterday.id, reason: 'versionNotPublished' },
			{ id: elsewhere.id, reason: 'wardRetired' }
		]);
		await ward.refreshToday();
		expect(ward.refused.map((e) => [e.id, e.refusal])).toEqual([
			[yesterday.id, 'versionNotPublished'],
			[elsewhere.id, 'wardRetired']
		]);
		// Neither is in today's list on this ward.
		expect(ward.today.map((d) => d.id)).not.toContain(yesterday.id);
		expect(ward.today.map((d) => d.id)).not.toContain(elsewhere.id);
	});

	it('keeps nothing when the tablet refuses the write, and says whether its storage is full', async () => {
		const ward = new WardDevice(() => options(content(new Date().toISOString())));
		await ward.open(device);
		const write = device.deliveries.save.bind(device.deliveries);
		device.deliveries.save = () =>
			Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
		expect(await ward.save(record())).toBeNull();
		expect(ward.saveFailed).toBe('storageFull');
		expect(ward.saving).toBe(false);
		expect(await device.outbox.pending()).toEqual([]);

		device.deliveries.save = () => Promise.reject(new Error('The database connection is closing.'));
		expect(await ward.save(record())).toBeNull();
		expect(ward.saveFailed).toBe('notKept');

		// The nurse presses Save again once there is room: kept, and the message goes.
		device.deliveries.save = write;
		const r = record();
		expect(await ward.save(r)).toMatchObject({ id: r.id });
		expect(ward.saveFailed).toBeNull();
	});

	it('keeps the names it showed with a record, for today’s list once its content is gone', async () => {
		const r = record();
		// Only the fields the names are read from: the rest of a group and a briefing play no part.
		const shown = {
			...content(new Date().toISOString()),
			groups: [{ id: r.patientGroupId, name: 'General adult inpatients' }],
			briefings: [{ id: r.briefingId, topic: 'Your safety on our ward' }]
		} as unknown as WardContent;
		const ward = new WardDevice(() => options(shown));
		await ward.open(device);
		await ward.save(r);
		// The briefing retired and the group archived since: the tablet's content has neither.
		const later = new WardDevice(() => options(content(new Date(Date.now() + 1000).toISOString())));
		await later.open(device);
		await later.refreshToday();
		expect(later.content.briefings).toEqual([]);
		expect(later.today.map((d) => [d.id, d.shown])).toEqual([
			[r.id, { topic: 'Your safety on our ward', group: 'General adult inpatients' }]
		]);
	});

	it('takes the same record pressed again after a slow save as saved, once', async () => {
		const ward = new WardDevice(() => options(content(new Date().toISOString())));
		await ward.open(device);
		const r = record();
		await device.deliveries.save(r, { id: staff.id, displayName: staff.displayName });
		expect(await ward.save(r)).toMatchObject({ id: r.id });
		expect(ward.saveFailed).toBeNull();
		expect(await device.outbox.pending()).toHaveLength(1);

		// The same id for another group is not this record: refused, and the first one kept.
		expect(
			await ward.save({ ...r, patientGroupId: '9c5e7a90-9f7c-4c1e-8d2a-3b4c5d6e7f80' })
		).toBeNull();
		expect(ward.saveFailed).toBe('notKept');
		expect((await device.deliveries.get(r.id))?.record.patientGroupId).toBe(r.patientGroupId);
	});

	it('keeps one record when Save is pressed again while the first press is still saving', async () => {
		// The page no longer disables the button for the first moments of a save (a quick save
		// would flash "Saving…"): this guard is what stops the second press.
		const ward = new WardDevice(() => options(content(new Date().toISOString())));
		await ward.open(device);
		const r = record();
		const first = ward.save(r);
		expect(ward.saving).toBe(true);
		expect(await ward.save({ ...r, id: crypto.randomUUID() })).toBeNull();
		expect(await first).toMatchObject({ id: r.id });
		expect((await device.outbox.pending()).map((e) => e.id)).toEqual([r.id]);
		expect(ward.saving).toBe(false);
	});

	it('follows the saved record from waiting to sent', async () => {
		const ward = new WardDevice(() => options(content(new Date().toISOString())));
		await ward.open(device);
		const r = record();
		const saved = await ward.save(r);
		expect(saved?.syncState).toBe('waiting');
		const stop = ward.watchSaved(r.id);
		expect(ward.saved).toBe(saved);
		// Sent: the server acknowledged it, and it left the outbox.
		await device.db.outbox.delete(r.id);
		await vi.waitFor(() => expect(ward.saved?.syncState).toBe('sent'));
		stop();
	});

	it('follows the saved record from waiting to held, and lists it so, when the server holds it for the lead', async () => {
		const ward = new WardDevice(() => options(content(new Date().toISOString())));
		await ward.open(device);
		const r = record();
		await ward.save(r);
		const stop = ward.watchSaved(r.id);
		await device.outbox.hold([{ id: r.id, reason: 'wardRetired' }]);
		await vi.waitFor(() => expect(ward.saved?.syncState).toBe('held'));
		stop();
		await ward.refreshToday();
		expect(ward.today.map((d) => [d.id, d.syncState])).toEqual([[r.id, 'held']]);
	});

	it('tells a full store apart from other failures, wrapped or not', () => {
		const quota = new DOMException('full', 'QuotaExceededError');
		expect(saveFailureOf(quota)).toBe('storageFull');
		expect(saveFailureOf({ name: 'AbortError', inner: quota })).toBe('storageFull');
		expect(saveFailureOf(new Error('closing'))).toBe('notKept');
		expect(saveFailureOf(null)).toBe('notKept');
	});

	it('saves a record under the person signed in, lists it for today, and undoes it', async () => {
		const ward = new WardDevice(() => options(content(new Date().toISOString())));
		await ward.open(device);
		const r = record();
		const saved = await ward.save(r);
		expect(saved).toMatchObject({ id: r.id, recordedById: staff.id, syncState: 'waiting' });
		// Committed, with its outbox entry, by the time the save resolves ("Saved" on screen).
		expect(await device.deliveries.get(r.id)).toMatchObject({ id: r.id, syncState: 'waiting' });
		expect((await device.outbox.pending()).map((e) => e.madeBy)).toEqual([staff.id]);
		// Today's list follows the confirmation.
		await vi.waitFor(() => expect(ward.today.map((d) => d.id)).toEqual([r.id]));

		await ward.undo(r.id);
		expect(ward.today).toEqual([]);
		expect(ward.saved).toBeNull();
	});

	it('keeps the rows of today’s list that did not change, and replaces those that did', async () => {
		const ward = new WardDevice(() => options(content(new Date().toISOString())));
		await ward.open(device);
		const [a, b] = [record(), record()];
		for (const r of [a, b]) await device.deliveries.save(r, staff);
		await ward.refreshToday();
		const [shownB, shownA] = ward.today;
		await device.outbox.acknowledge([a.id]);
		const c = record();
		await device.deliveries.save(c, staff);
		await ward.refreshToday();
		expect(ward.today.map((d) => [d.id, d.syncState])).toEqual([
			[c.id, 'waiting'],
			[b.id, 'waiting'],
			[a.id, 'sent']
		]);
		expect(ward.today[1]).toBe(shownB);
		expect(ward.today[2]).not.toBe(shownA);
	});

	it('keeps the signed-in person’s sign-out key, for a sign-out made offline', async () => {
		const key = 'c'.repeat(64);
		await new WardDevice(() => options(content(new Date().toISOString()), key)).open(device);
		expect(await take(device.db)).toEqual({ signOutKey: key, staffId: staff.id });
	});

	it('notes the last sync once, the same way from the page and from the service worker', async () => {
		const ward = new WardDevice(() => options(content(new Date().toISOString())));
		await ward.open(device);
		await ward.save(record());
		expect(await lastSyncOf(device)).toBeNull();
		const at = new Date('2026-12-04T10:00:00.000Z');
		const outcome = await sendOutbox(
			device,
			{
				send: async (changes) => ({
					results: changes.map((c) => ({ id: c.id, status: 'accepted' as const })),
					serverTime: at.toISOString()
				})
			},
			() => at
		);
		expect(outcome).toMatchObject({ acknowledged: 1, syncedAt: at.toISOString() });
		expect(await lastSyncOf(device)).toBe(at.toISOString());
	});
});
