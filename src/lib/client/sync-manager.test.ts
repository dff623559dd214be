import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Transport } from './sync-engine';
import { openDevice, type Device } from './device';
import { SyncManager } from './sync-manager.svelte';

const MAX_WAIT_MS = 10 * 60_000;
let device: Device;
beforeEach(() => {
	device = openDevice(`sync-manager-${crypto.randomUUID()}`);
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
	vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(async () => {
	vi.useRealTimers();
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
	await device.db.delete();
});

const server = () => {
	const sent: string[] = [];
	const transport: Transport = {
		async send(changes) {
			sent.push(...changes.map((c) => c.id));
			return {
				results: changes.map((c) => ({ id: c.id, status: 'accepted' as const })),
				serverTime: '2026-12-05T09:00:00.000Z'
			};
		}
	};
	return { transport, sent };
};

it('a run the device’s own database stops is named on the screen and tried again, the record kept', async () => {
	await device.outbox.enqueue({ id: 'r1', kind: 'deliveryRecord', payload: {} });
	const { transport, sent } = server();
	const synced = vi.fn();
	const sync = new SyncManager(device, transport, synced);
	device.db.close({ disableAutoOpen: true });

	await sync.syncNow();
	expect(sync.problem).toBe('deviceStorage');
	expect(sync.syncing).toBe(false);
	expect(synced).toHaveBeenCalledOnce();
	expect(sent).toEqual([]);

	await device.db.open();
	await vi.advanceTimersByTimeAsync(5_000);
	await vi.waitFor(() => expect(sync.problem).toBeNull());
	expect(sent).toEqual(['r1']);
	expect((await device.outbox.counts()).waiting).toBe(0);
});

it('a second failure waits twice as long before the next try', async () => {
	await device.outbox.enqueue({ id: 'r1', kind: 'deliveryRecord', payload: {} });
	const { transport, sent } = server();
	const sync = new SyncManager(device, transport);
	device.db.close({ disableAutoOpen: true });
	await sync.syncNow();
	await vi.advanceTimersByTimeAsync(5_000);
	expect(sync.problem).toBe('deviceStorage');

	await device.db.open();
	await vi.advanceTimersByTimeAsync(9_999);
	expect(sent).toEqual([]);
	await vi.advanceTimersByTimeAsync(1);
	await vi.waitFor(() => expect(sent).toEqual(['r1']));
});

it('once the network is back, a failed try is tried again 5 s later, however long the waits grew while it was gone', async () => {
	await device.outbox.enqueue({ id: 'r1', kind: 'deliveryRecord', payload: {} });
	const network = { onLine: false };
	vi.stubGlobal('navigator', network);
	vi.stubGlobal('window', new EventTarget());
	let failing = true;
	const { transport: up, sent } = server();
	const transport: Transport = {
		send: (changes) =>
			failing ? Promise.reject(new TypeError('Failed to fetch')) : up.send(changes)
	};
	const sync = new SyncManager(device, transport);
	await sync.start();
	// Records saved on a ward with no Wi-Fi, each trying at once; and the timer's tries.
	for (let i = 0; i < 6; i++) await sync.recordSaved();
	await vi.advanceTimersByTimeAsync(60_000);
	expect(sync.problem).toBe('offline');

	// The network is back, but the first try fails (the server not answering yet).
	network.onLine = true;
	window.dispatchEvent(new Event('online'));
	await vi.waitFor(() => expect(sync.problem).toBe('serverError'));
	failing = false;
	await vi.advanceTimersByTimeAsync(4_999);
	expect(sent).toEqual([]);
	await vi.advanceTimersByTimeAsync(1);
	await vi.waitFor(() => expect(sent).toEqual(['r1']));
	sync.stop();
});

it('a stopped manager (a page outdated by a newer version) neither runs nor tries again', async () => {
	await device.outbox.enqueue({ id: 'r1', kind: 'deliveryRecord', payload: {} });
	const { transport, sent } = server();
	const sync = new SyncManager(device, transport);
	device.db.close({ disableAutoOpen: true });
	await sync.syncNow();
	vi.stubGlobal('window', new EventTarget());
	sync.stop();

	await device.db.open();
	await vi.advanceTimersByTimeAsync(MAX_WAIT_MS);
	await sync.syncNow();
	expect(sent).toEqual([]);
});

it('counts what waits and what was refused, a task after each change to the outbox, wherever it was made', async () => {
	vi.stubGlobal('window', new EventTarget());
	// Offline: nothing goes, so the count is only what the outbox holds.
	const transport: Transport = {
		send: () => Promise.reject(new TypeError('Failed to fetch'))
	};
	const sync = new SyncManager(device, transport);
	await sync.start();
	expect(sync.waiting).toBe(0);

	await device.outbox.enqueue({ id: 'r1', kind: 'deliveryRecord', payload: {} });
	// Not inside the change's own completion (a save's "Saved" would wait for it): a task later.
	expect(sync.waiting).toBe(0);
	await vi.advanceTimersByTimeAsync(0);
	await vi.waitFor(() => expect(sync.waiting).toBe(1));

	// Another connection to the same database: another tab, or the service worker.
	const other = openDevice(device.db.name);
	try {
		await other.outbox.enqueue({ id: 'r2', kind: 'deliveryRecord', payload: {} });
		await other.db.outbox.update('r1', { refusal: 'unknownWard' });
	} finally {
		other.db.close();
	}
	await vi.advanceTimersByTimeAsync(0);
	await vi.waitFor(() => expect([sync.waiting, sync.refused]).toEqual([1, 1]));

	// Stopped, it counts no more.
	sync.stop();
	await device.outbox.enqueue({ id: 'r3', kind: 'deliveryRecord', payload: {} });
	await vi.advanceTimersByTimeAsync(0);
	expect(sync.waiting).toBe(1);
});
