import { DeliveryRepository } from './delivery-repository';
import { DeviceDb } from './device-db';
import { OutboxRepository } from './outbox-repository';

/** The device's repositories over its one database, created once per page (or worker). */
export interface Device {
	db: DeviceDb;
	outbox: OutboxRepository;
	deliveries: DeliveryRepository;
}

export function openDevice(name?: string): Device {
	const db = new DeviceDb(name);
	return { db, outbox: new OutboxRepository(db), deliveries: new DeliveryRepository(db) };
}

export const LAST_SYNC_KEY = 'lastSyncAt';
export const SYNC_TAG = 'outbox';
