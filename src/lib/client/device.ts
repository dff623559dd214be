import { DeliveryRepository } from './delivery-repository';
import { DeviceDb } from './device-db';
import { OutboxRepository } from './outbox-repository';
import { syncOutbox, type SyncOutcome, type Transport } from './sync-engine';

/** The device's repositories over its one database, created once per page (or worker). */
export interface Device {
	db: DeviceDb;
	outbox: OutboxRepository;
	deliveries: DeliveryRepository;
}

export function openDevice(
	name?: string,
	options: ConstructorParameters<typeof DeviceDb>[1] = {}
): Device {
	const db = new DeviceDb(name, options);
	return { db, outbox: new OutboxRepository(db), deliveries: new DeliveryRepository(db) };
}

export const LAST_SYNC_KEY = 'lastSyncAt';
export const SYNC_TAG = 'outbox';

/** When the server last answered for a change from this device, or null if never. */
export async function lastSyncOf(device: Device): Promise<string | null> {
	const last = await device.db.settings.get(LAST_SYNC_KEY);
	return typeof last?.value === 'string' ? last.value : null;
}

/**
 * One run of the outbox, from the page or from the service worker's Background Sync: both
 * note the last sync the same way, here, when the server answered for at least one change.
 * Resolves with the outcome and the time noted (null when nothing was answered).
 */
export async function sendOutbox(
	device: Device,
	transport: Transport,
	now: () => Date = () => new Date()
): Promise<SyncOutcome & { syncedAt: string | null }> {
	const outcome = await syncOutbox(device.outbox, transport, now);
	if (outcome.acknowledged + outcome.refused === 0) return { ...outcome, syncedAt: null };
	const syncedAt = now().toISOString();
	await device.db.settings.put({ key: LAST_SYNC_KEY, value: syncedAt });
	return { ...outcome, syncedAt };
}
