import Dexie, { type EntityTable } from 'dexie';

/**
 * One entry waiting to reach the server. `id` is the record's own device-made id (UUID v7),
 * so a retry sends the same id and the server can apply it exactly once.
 */
export interface OutboxEntry {
	id: string;
	/** What kind of change this is, e.g. 'deliveryRecord'; the sync engine routes by it. */
	kind: string;
	payload: unknown;
	createdAt: string;
	attempts: number;
	lastAttemptAt: string | null;
	/** Why the server refused it (kept and shown, never dropped silently), or null. */
	refusal: string | null;
}

export interface DeviceSetting {
	key: string;
	value: unknown;
}

/**
 * The device's one typed database. Versions are appended, never edited: a later issue adds
 * tables with `this.version(2).stores({...})` below the first.
 */
export class DeviceDb extends Dexie {
	outbox!: EntityTable<OutboxEntry, 'id'>;
	settings!: EntityTable<DeviceSetting, 'key'>;

	constructor(name = 'safety-briefings') {
		super(name);
		this.version(1).stores({
			outbox: 'id, kind, createdAt, refusal',
			settings: 'key'
		});
	}
}
