import { createHash } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import type { z } from 'zod';
import { DeliveryOutcome, type DeliveryRecordInput } from '$lib/domain/delivery-record';
import { BriefingFormat } from '$lib/domain/format';
import { mayUse, Role, type StaffAccount } from '$lib/domain/staff';
import {
	changePayloads,
	UNDO_WINDOW_SECONDS,
	type ChangeResult,
	type DeliveryUndo,
	type RefusalReason,
	type SyncChange
} from '$lib/domain/sync';
import { inTransaction, type Db } from '../db/database';
import { toAnswer, toInteger } from './answers';
import type {
	DeliveryRecordRevisionTable,
	DeliveryRecordTable,
	PatientLinkTable
} from '../db/schema';

/*
 * Applying the device's outbox: one batch of changes (up to 500; a device may have 10,000
 * queued) gives one result per change, in the same order, and one bad change blocks no other.
 *
 * How: payloads are parsed first, outside the transaction. Then, in ONE transaction, a fixed
 * number of queries read what the batch needs — the organisation's wards, patient groups,
 * briefings, versions and published (format, language) variants, the records the batch names
 * (`where id in (…)`) and the patient links it would add — and each change is decided in order
 * against that picture, which is updated as it goes. Only then is anything written: multi-row
 * inserts chunked under SQLite's limit on bound parameters, one update for all undos.
 *
 * Invariants:
 * - Exactly once: a record id already stored, or accepted earlier in the same batch, is a
 *   `duplicate` whatever its content, so a retried batch (the answer was lost) changes nothing.
 * - Changes apply in outbox order: [record X, undo X] voids X; [undo X, record X] refuses the
 *   undo (`unknownDelivery`) and stores X.
 * - Nothing is half-written: the batch commits whole or, on an error, not at all.
 * - An undo voids, never deletes, and leaves a revision holding the record as it was.
 *
 * Example: [record A, record A again, record B for a retired version, undo A]
 *   → [accepted, duplicate, refused versionNotPublished, accepted], and A is stored voided.
 *
 * Source: the contract in $lib/domain/sync.ts; the product brief, "Recording a delivery".
 */

/** Device clocks drift: a record may be stamped a little ahead of the server, not more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** SQLite allows 32,766 bound parameters per statement; keep some for the rest of the statement. */
const PARAMETER_BUDGET = 32_000;

type StoredRecord = Selectable<DeliveryRecordTable>;
type Issue = { field: string; message: string };
type Refused = Extract<ChangeResult, { status: 'refused' }>;
type Parsed = { id: string; madeBy?: string } & (
	| { kind: 'deliveryRecord'; payload: DeliveryRecordInput }
	| { kind: 'deliveryUndo'; payload: DeliveryUndo }
);

/** The patient link is looked up by this; the token itself is never stored. */
export function patientTokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

const refused = (id: string, reason: RefusalReason, issues?: Issue[]): Refused =>
	issues ? { id, status: 'refused', reason, issues } : { id, status: 'refused', reason };

function issuesOf(error: z.ZodError): Issue[] {
	return error.issues.flatMap((issue) => {
		const path = issue.path.map(String);
		// A key the schema does not know (a name, an NHS number) is named itself, not its parent.
		if (issue.code === 'unrecognized_keys')
			return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: issue.message }));
		return [{ field: path.join('.') || 'payload', message: issue.message }];
	});
}

function parseChange(change: SyncChange): Parsed | Refused {
	switch (change.kind) {
		case 'deliveryRecord': {
			const parsed = changePayloads.deliveryRecord.safeParse(change.payload);
			if (!parsed.success) return refused(change.id, 'invalid', issuesOf(parsed.error));
			return { id: change.id, kind: change.kind, payload: parsed.data, madeBy: change.madeBy };
		}
		case 'deliveryUndo': {
			const parsed = changePayloads.deliveryUndo.safeParse(change.payload);
			if (!parsed.success) return refused(change.id, 'invalid', issuesOf(parsed.error));
			return { id: change.id, kind: change.kind, payload: parsed.data, madeBy: change.madeBy };
		}
		default:
			return refused(change.id, 'unknownKind');
	}
}

/** The accounts changes say they were made by that may make them: active, same organisation, ward roles. */
async function readMakers(trx: Db, account: StaffAccount, changes: Parsed[]): Promise<Set<string>> {
	const ids = [...new Set(changes.flatMap((c) => (c.madeBy ? [c.madeBy] : [])))];
	if (ids.length === 0) return new Set();
	const rows = await trx
		.selectFrom('staff_account')
		.select(['id', 'role'])
		.where('organisation_id', '=', account.organisationId)
		.where('disabled', '=', 0)
		.where('id', 'in', ids)
		.execute();
	return new Set(rows.filter((r) => mayUse('ward', Role.parse(r.role))).map((r) => r.id));
}

/** Bound parameters per row of a multi-row insert: one per column. */
const columnsOf = (rows: object[]) => Object.keys(rows[0] ?? {}).length || 1;

/** Runs `work` on slices of `items` small enough for SQLite's limit on bound parameters. */
async function inChunks<T>(
	items: T[],
	parametersPerItem: number,
	work: (slice: T[]) => Promise<unknown>
): Promise<void> {
	const size = Math.floor(PARAMETER_BUDGET / parametersPerItem);
	for (let start = 0; start < items.length; start += size)
		await work(items.slice(start, start + size));
}

/** What an organisation's records may refer to, read once per batch. */
interface Catalogue {
	wards: Set<string>;
	patientGroups: Set<string>;
	briefings: Set<string>;
	versions: Map<string, { briefingId: string; status: string; retiredAt: string | null }>;
	/** `versionId format language` of every published (or since retired) version's variants. */
	publishedVariants: Set<string>;
}

const variantKey = (versionId: string, format: string, language: string) =>
	`${versionId} ${format} ${language}`;

async function readCatalogue(trx: Db, organisationId: string): Promise<Catalogue> {
	const ids = (rows: Array<{ id: string }>) => new Set(rows.map((r) => r.id));
	const wards = await trx
		.selectFrom('ward')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.execute();
	// Archived groups too: a record made before the group was archived is still a true record.
	const patientGroups = await trx
		.selectFrom('patient_group')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.execute();
	const briefings = await trx
		.selectFrom('briefing')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.execute();
	const versions = await trx
		.selectFrom('briefing_version')
		.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
		.select([
			'briefing_version.id',
			'briefing_version.briefing_id',
			'briefing_version.status',
			'briefing_version.retired_at'
		])
		.where('briefing.organisation_id', '=', organisationId)
		.execute();
	const variants = await trx
		.selectFrom('briefing_variant')
		.innerJoin('briefing_version', 'briefing_version.id', 'briefing_variant.version_id')
		.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
		.select(['briefing_variant.version_id', 'briefing_variant.format', 'briefing_variant.language'])
		.where('briefing.organisation_id', '=', organisationId)
		.where('briefing_version.status', 'in', ['published', 'retired'])
		.execute();
	return {
		wards: ids(wards),
		patientGroups: ids(patientGroups),
		briefings: ids(briefings),
		versions: new Map(
			versions.map((v) => [
				v.id,
				{ briefingId: v.briefing_id, status: v.status, retiredAt: v.retired_at }
			])
		),
		publishedVariants: new Set(variants.map((v) => variantKey(v.version_id, v.format, v.language)))
	};
}

/** One batch being decided: what is stored (as the batch sees it) and what is to be written. */
class Batch {
	readonly newRecords: StoredRecord[] = [];
	readonly newLinks: Insertable<PatientLinkTable>[] = [];
	readonly revisions: Insertable<DeliveryRecordRevisionTable>[] = [];
	readonly #now: Date;
	readonly #account: StaffAccount;
	/** Ward accounts of the organisation a change may say it was made by. */
	readonly #makers: Set<string>;
	readonly #catalogue: Catalogue;
	/** Records the batch names, stored before or accepted in it, by id. */
	readonly #records: Map<string, StoredRecord>;
	readonly #tokenHashes: Set<string>;
	readonly #voided = new Set<string>();

	constructor(
		account: StaffAccount,
		makers: Set<string>,
		now: Date,
		catalogue: Catalogue,
		stored: StoredRecord[],
		linkedTokenHashes: string[]
	) {
		this.#account = account;
		this.#makers = makers;
		this.#now = now;
		this.#catalogue = catalogue;
		this.#records = new Map(stored.map((r) => [r.id, r]));
		this.#tokenHashes = new Set(linkedTokenHashes);
		for (const r of stored) if (r.voided_at) this.#voided.add(r.id);
	}

	get voidedNow(): Array<{ id: string; by: string }> {
		return this.revisions.map((r) => ({ id: r.delivery_id, by: r.changed_by }));
	}

	apply(change: Parsed): ChangeResult {
		// Who made it on the device, if that is an account we know; else whoever sends it.
		const actor =
			change.madeBy && this.#makers.has(change.madeBy) ? change.madeBy : this.#account.id;
		return change.kind === 'deliveryRecord'
			? this.#record(change.id, change.payload, actor)
			: this.#undo(change.id, change.payload, actor);
	}

	#record(changeId: string, r: DeliveryRecordInput, actor: string): ChangeResult {
		const { wards, patientGroups, briefings, versions, publishedVariants } = this.#catalogue;
		if (changeId !== r.id) return refused(changeId, 'idMismatch');
		if (this.#records.has(r.id)) return { id: changeId, status: 'duplicate' };
		if (!wards.has(r.wardId)) return refused(changeId, 'unknownWard');
		if (!patientGroups.has(r.patientGroupId)) return refused(changeId, 'unknownPatientGroup');
		if (!briefings.has(r.briefingId)) return refused(changeId, 'unknownBriefing');
		const version = versions.get(r.versionId);
		if (version?.briefingId !== r.briefingId) return refused(changeId, 'unknownVersion');
		const recordedAt = new Date(r.recordedAt);
		// Given while it was published, it is a true record even if it was retired since; given
		// after retirement (a device with stale content), it is refused so a person looks at it.
		const wasPublished =
			version.status === 'published' ||
			(version.status === 'retired' &&
				version.retiredAt !== null &&
				recordedAt.getTime() < Date.parse(version.retiredAt));
		if (!wasPublished) return refused(changeId, 'versionNotPublished');
		if (!publishedVariants.has(variantKey(r.versionId, r.format, r.language)))
			return refused(changeId, 'variantNotInVersion');
		if (recordedAt.getTime() > this.#now.getTime() + FUTURE_TOLERANCE_MS)
			return refused(changeId, 'recordedInFuture');
		const tokenHash = r.patientToken ? patientTokenHash(r.patientToken) : null;
		// Tokens are 128 random bits: a repeat is a device fault, and must not link two patients.
		if (tokenHash && this.#tokenHashes.has(tokenHash))
			return refused(changeId, 'invalid', [
				{ field: 'patientToken', message: 'already linked to another delivery' }
			]);

		const row: StoredRecord = {
			id: r.id,
			organisation_id: this.#account.organisationId,
			ward_id: r.wardId,
			patient_group_id: r.patientGroupId,
			briefing_id: r.briefingId,
			version_id: r.versionId,
			format: r.format,
			language: r.language,
			outcome: r.outcome,
			// null is "not recorded": a question the nurse left unanswered, never a default.
			talked_through: toInteger(r.talkedThrough),
			interpreter_used: toInteger(r.interpreterUsed),
			carer_present: toInteger(r.carerPresent),
			teach_back: r.teachBack,
			language_needed: r.languageNeeded ?? null,
			// Stored in UTC, so that text order is time order whatever offset the device used.
			recorded_at: recordedAt.toISOString(),
			received_at: this.#now.toISOString(),
			recorded_by: actor,
			voided_at: null,
			voided_by: null
		};
		this.#records.set(row.id, row);
		this.newRecords.push(row);
		if (tokenHash) {
			this.#tokenHashes.add(tokenHash);
			this.newLinks.push({
				token_hash: tokenHash,
				delivery_id: row.id,
				created_at: row.received_at
			});
		}
		return { id: changeId, status: 'accepted' };
	}

	#undo(changeId: string, u: DeliveryUndo, actor: string): ChangeResult {
		const record = this.#records.get(u.deliveryId);
		if (record?.organisation_id !== this.#account.organisationId)
			return refused(changeId, 'unknownDelivery');
		if (record.recorded_by !== actor) return refused(changeId, 'notYourDelivery');
		const elapsed = Date.parse(u.undoneAt) - Date.parse(record.recorded_at);
		if (elapsed > UNDO_WINDOW_SECONDS * 1000) return refused(changeId, 'undoTooLate');
		if (this.#voided.has(record.id)) return { id: changeId, status: 'duplicate' };

		this.#voided.add(record.id);
		this.revisions.push({
			delivery_id: record.id,
			changed_at: this.#now.toISOString(),
			changed_by: actor,
			change: 'undo',
			before: JSON.stringify(recordFields(record))
		});
		return { id: changeId, status: 'accepted' };
	}
}

/**
 * Applies a batch of the device's changes for `account`; one result per change, in order.
 * See the comment at the top of this file.
 */
export async function applyChanges(
	db: Db,
	account: StaffAccount,
	changes: SyncChange[],
	now = new Date()
): Promise<ChangeResult[]> {
	const parsed = changes.map(parseChange);
	const valid = parsed.filter((p) => 'kind' in p);
	const records = valid.flatMap((p) => (p.kind === 'deliveryRecord' ? [p.payload] : []));
	const namedIds = valid.map((p) =>
		p.kind === 'deliveryRecord' ? p.payload.id : p.payload.deliveryId
	);
	const tokenHashes = records.flatMap((r) =>
		r.patientToken ? [patientTokenHash(r.patientToken)] : []
	);

	return inTransaction(db, async (trx) => {
		const catalogue = records.length
			? await readCatalogue(trx, account.organisationId)
			: emptyCatalogue();
		const stored = await readRecords(trx, [...new Set(namedIds)]);
		const linked = await readLinkedTokenHashes(trx, tokenHashes);
		const makers = await readMakers(trx, account, valid);

		const batch = new Batch(account, makers, now, catalogue, stored, linked);
		const results = parsed.map((p) => ('kind' in p ? batch.apply(p) : p));

		await inChunks(batch.newRecords, columnsOf(batch.newRecords), (rows) =>
			trx.insertInto('delivery_record').values(rows).execute()
		);
		await inChunks(batch.newLinks, columnsOf(batch.newLinks), (rows) =>
			trx.insertInto('patient_link').values(rows).execute()
		);
		for (const { id, by } of batch.voidedNow)
			await trx
				.updateTable('delivery_record')
				.set({ voided_at: now.toISOString(), voided_by: by })
				.where('id', '=', id)
				.execute();
		await inChunks(batch.revisions, columnsOf(batch.revisions), (rows) =>
			trx.insertInto('delivery_record_revision').values(rows).execute()
		);
		return results;
	});
}

async function readRecords(trx: Db, ids: string[]): Promise<StoredRecord[]> {
	const rows: StoredRecord[] = [];
	await inChunks(ids, 1, async (slice) => {
		rows.push(
			...(await trx.selectFrom('delivery_record').selectAll().where('id', 'in', slice).execute())
		);
	});
	return rows;
}

async function readLinkedTokenHashes(trx: Db, hashes: string[]): Promise<string[]> {
	const linked: string[] = [];
	await inChunks(hashes, 1, async (slice) => {
		const rows = await trx
			.selectFrom('patient_link')
			.select('token_hash')
			.where('token_hash', 'in', slice)
			.execute();
		linked.push(...rows.map((r) => r.token_hash));
	});
	return linked;
}

function emptyCatalogue(): Catalogue {
	return {
		wards: new Set(),
		patientGroups: new Set(),
		briefings: new Set(),
		versions: new Map(),
		publishedVariants: new Set()
	};
}

/** A record's fields as the domain names them: what a revision keeps as `before`. */
function recordFields(row: StoredRecord) {
	return {
		id: row.id,
		organisationId: row.organisation_id,
		wardId: row.ward_id,
		patientGroupId: row.patient_group_id,
		briefingId: row.briefing_id,
		versionId: row.version_id,
		format: row.format,
		language: row.language,
		outcome: row.outcome,
		talkedThrough: toAnswer(row.talked_through),
		interpreterUsed: toAnswer(row.interpreter_used),
		carerPresent: toAnswer(row.carer_present),
		teachBack: row.teach_back,
		languageNeeded: row.language_needed,
		recordedAt: row.recorded_at,
		receivedAt: row.received_at,
		recordedBy: row.recorded_by,
		voidedAt: row.voided_at,
		voidedBy: row.voided_by
	};
}

export async function countDeliveries(
	db: Db,
	organisationId: string,
	{ includeVoided = false } = {}
): Promise<number> {
	let query = db
		.selectFrom('delivery_record')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('organisation_id', '=', organisationId);
	if (!includeVoided) query = query.where('voided_at', 'is', null);
	const { count } = await query.executeTakeFirstOrThrow();
	return Number(count);
}

export interface DeliveryToday {
	id: string;
	patientGroupId: string;
	format: BriefingFormat;
	language: string;
	outcome: DeliveryOutcome;
	recordedAt: string;
}

/**
 * A ward's records since midnight UTC of `now`, newest first, without voided ones: what the
 * ward's "today" list shows. (Midnight UTC is 1 a.m. in UK summer time.)
 */
export async function listDeliveriesToday(
	db: Db,
	organisationId: string,
	wardId: string,
	now: Date
): Promise<DeliveryToday[]> {
	const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
	const rows = await db
		.selectFrom('delivery_record')
		.select(['id', 'patient_group_id', 'format', 'language', 'outcome', 'recorded_at'])
		.where('organisation_id', '=', organisationId)
		.where('ward_id', '=', wardId)
		.where('recorded_at', '>=', midnight.toISOString())
		.where('voided_at', 'is', null)
		.orderBy('recorded_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		patientGroupId: r.patient_group_id,
		format: BriefingFormat.parse(r.format),
		language: r.language,
		outcome: DeliveryOutcome.parse(r.outcome),
		recordedAt: r.recorded_at
	}));
}
