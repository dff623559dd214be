import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { SyncChange } from '$lib/domain/sync';
import type { Db } from '../db/database';
import { applyChanges } from '../sync/apply-changes';
import { staffAccountByEmail } from './accounts';

/** What a Ward 7 device of the demo organisation records against. */
export interface WardCatalogue {
	wardId: string;
	patientGroupId: string;
	briefingId: string;
	versionId: string;
}

/** For unit tests: Ward 7, its first patient group and the demo's ward safety briefing. */
export async function demoWardCatalogue(db: Db): Promise<WardCatalogue> {
	const ward = await db
		.selectFrom('ward')
		.select('id')
		.where('name', '=', 'Ward 7')
		.executeTakeFirstOrThrow();
	const group = await db
		.selectFrom('patient_group')
		.select('id')
		.orderBy('position')
		.executeTakeFirstOrThrow();
	const version = await db
		.selectFrom('briefing')
		.innerJoin('briefing_version', 'briefing_version.briefing_id', 'briefing.id')
		.select(['briefing.id as briefingId', 'briefing_version.id as versionId'])
		.where('briefing.slug', '=', 'your-safety-on-our-ward')
		.executeTakeFirstOrThrow();
	return { wardId: ward.id, patientGroupId: group.id, ...version };
}

/** A leaflet given in English, recorded at `at`, with a patient token if `token`. */
export function wardRecord(catalogue: WardCatalogue, at: Date, token = false): DeliveryRecordInput {
	return {
		id: uuidv7(),
		...catalogue,
		format: 'leaflet',
		language: 'en',
		outcome: 'delivered',
		talkedThrough: true,
		interpreterUsed: false,
		carerPresent: false,
		teachBack: 'confirmed',
		recordedAt: at.toISOString(),
		...(token ? { patientToken: randomBytes(16).toString('base64url') } : {})
	};
}

export const recordChange = (payload: DeliveryRecordInput): SyncChange => ({
	id: payload.id,
	kind: 'deliveryRecord',
	payload
});

/** The ward's undo button: a second after recording. */
export const undoChange = (record: DeliveryRecordInput): SyncChange => ({
	id: uuidv7(),
	kind: 'deliveryUndo',
	payload: {
		deliveryId: record.id,
		undoneAt: new Date(Date.parse(record.recordedAt) + 1000).toISOString()
	}
});

/**
 * Runs `work` while Ward 7's nurse syncs: ten batches of 20 records first, then batch after
 * batch, each a request of its own (the next waits for the event loop, as HTTP does), until
 * `work` has ended. Resolves with what `work` gave, the records acknowledged before it began, and
 * every record acknowledged.
 */
export async function whileWardSyncs<T>(
	db: Db,
	work: () => Promise<T>
): Promise<{ result: T; before: string[]; acknowledged: string[] }> {
	const nurse = await staffAccountByEmail(db, 'ward7@demo.example');
	const catalogue = await demoWardCatalogue(db);
	const acknowledged: string[] = [];
	const sendBatch = async () => {
		const records = Array.from({ length: 20 }, () => wardRecord(catalogue, new Date(), true));
		const results = await applyChanges(db, nurse, records.map(recordChange));
		const refused = results.filter((r) => r.status !== 'accepted');
		if (refused.length) throw new Error(`A batch was not all accepted: ${JSON.stringify(refused)}`);
		acknowledged.push(...records.map((r) => r.id));
	};
	for (let i = 0; i < 10; i++) await sendBatch();
	let working = true;
	const ward = (async () => {
		while (working) {
			await new Promise((resolve) => setImmediate(resolve));
			await sendBatch();
		}
	})();
	const before = [...acknowledged];
	try {
		const result = await work().finally(() => (working = false));
		return { result, before, acknowledged };
	} finally {
		await ward;
	}
}
