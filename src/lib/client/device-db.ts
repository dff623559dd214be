import Dexie, { type EntityTable } from 'dexie';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { WardContent } from '$lib/domain/ward-content';

/**
 * One entry waiting to reach the server. `id` is the change's own id (for a delivery record,
 * the record's UUID v7), so a retry sends the same id and the server applies it exactly once.
 */
export interface OutboxEntry {
	id: string;
	/** What kind of change this is, e.g. 'deliveryRecord'; the server routes by it. */
	kind: string;
	payload: unknown;
	createdAt: string;
	attempts: number;
	lastAttemptAt: string | null;
	/** Why the server refused it (kept and shown, never dropped silently), or null. */
	refusal: string | null;
	/**
	 * Whether the server that refused it said it answered under the held rule (its answer's
	 * X-Sync-Understands: held): then a refusal for a reason it holds records for is its last
	 * word. False, or missing (refused before the tablet kept this), such an entry is sent once
	 * more when a server that holds records answers (OutboxRepository.sendHoldableAgain).
	 */
	refusedHolding?: boolean;
	/** The staff account signed in when it was made: the record stays theirs on a shared device. */
	madeBy?: string;
}

/**
 * A batch on its way to the server: its entries are "perhaps sent" until it is answered. One
 * row for the batch rather than a mark on each entry: marking 500 entries one by one rewrote
 * each whole, about half of a 10,000-record catch-up's time on the tablet (issue #16).
 */
export interface SendingBatch {
	id: string;
	ids: string[];
	at: string;
}

/** A record the server holds for the engagement lead to check, noted so the ward is told. */
export interface HeldNote {
	id: string;
	reason: string;
	at: string;
}

export interface DeviceSetting {
	key: string;
	value: unknown;
}

/** Sent, or sent and held by the server for the engagement lead to check (HeldNote). */
export type DeliverySyncState = 'waiting' | 'sent' | 'held' | 'refused';

/** A delivery as the device keeps it, for "today on this ward". */
export interface StoredDelivery {
	id: string;
	wardId: string;
	recordedAt: string;
	record: DeliveryRecordInput;
	/** Who was signed in when it was recorded, to show on the shared device's list. */
	recordedByName: string;
	recordedById?: string;
	voided: boolean;
	/**
	 * The briefing's topic and the group's name as the tablet showed them when it was recorded:
	 * today's list still names them once the briefing is retired or the group archived and the
	 * tablet's content no longer has them. Kept on the tablet, never sent (the record holds ids
	 * only). Missing on records kept before it was added.
	 */
	shown?: ShownNames;
}

export interface ShownNames {
	topic: string;
	group: string;
}

/**
 * A delivery with its sync state, which is read from the outbox rather than stored: still in
 * the outbox is waiting (or refused, with the reason); gone from it is sent, or held when the
 * outbox noted the server held it for the lead. One source of truth, and a catch-up of
 * thousands of records writes nothing back to the deliveries.
 */
export interface DeviceDelivery extends StoredDelivery {
	syncState: DeliverySyncState;
	refusal: string | null;
}

export interface StoredContent {
	key: 'ward';
	content: WardContent;
}

/**
 * The device's one typed database. Versions are appended, never edited.
 */
export class DeviceDb extends Dexie {
	outbox!: EntityTable<OutboxEntry, 'id'>;
	settings!: EntityTable<DeviceSetting, 'key'>;
	deliveries!: EntityTable<StoredDelivery, 'id'>;
	content!: EntityTable<StoredContent, 'key'>;
	sending!: EntityTable<SendingBatch, 'id'>;

	/**
	 * `onNewerVersion`, for a page: when a newer version of the app upgrades this database (in
	 * another tab, or the service worker), this connection closes for good and the callback
	 * tells the page to reload. Without it, Dexie closes and quietly re-opens the upgraded
	 * database under this older code, which cannot read what the newer version keeps there
	 * (hazard H85: an undo that cannot see a batch on its way). The worker keeps Dexie's default.
	 */
	constructor(name = 'safety-briefings', options: { onNewerVersion?: () => void } = {}) {
		// No liveQuery cache: a save goes past Dexie (add-together.ts), which would leave it stale.
		super(name, { cache: 'disabled' });
		const { onNewerVersion } = options;
		if (onNewerVersion)
			this.on('versionchange', (event) => {
				if (!event.newVersion) return; // deleted, not upgraded: Dexie's default
				this.close({ disableAutoOpen: true });
				onNewerVersion();
				return false; // Dexie's default would close with auto-open on
			});
		this.version(1).stores({
			outbox: 'id, kind, createdAt, refusal',
			settings: 'key'
		});
		this.version(2).stores({
			deliveries: 'id, [wardId+recordedAt], syncState',
			content: 'key'
		});
		this.version(3).stores({ sending: 'id' });
	}
}
