import type { Insertable } from 'kysely';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import { LocalDays } from '$lib/domain/local-time';
import type { StaffAccount } from '$lib/domain/staff';
import {
	HoldReason,
	UNDO_WINDOW_SECONDS,
	type ChangeResult,
	type DeliveryUndo
} from '$lib/domain/sync';
import type { DeliveryRecordRevisionTable, PatientLinkTable } from '../db/schema';
import { variantKey, type Catalogue } from './catalogue';
import { refused, type Parsed } from './parse-change';
import { toAnswer, toInteger } from '../repositories/answers';
import { patientTokenHash } from './patient-token';
import type { HeldRow, StoredRecord } from './reads';
import { UNDONE_ON_WARD } from './write-batch';

/** Device clocks drift: a record may be stamped a little ahead of the server, not more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** One batch being decided: what is stored (as the batch sees it) and what is to be written. */
export class Batch {
	readonly newRecords: StoredRecord[] = [];
	readonly newLinks: Insertable<PatientLinkTable>[] = [];
	readonly revisions: Insertable<DeliveryRecordRevisionTable>[] = [];
	readonly newHeld: HeldRow[] = [];
	/** Held records undone on the ward: set aside as such (write-batch.ts). */
	readonly heldUndone: Array<{ id: string; by: string; organisationId: string }> = [];
	readonly #now: Date;
	readonly #account: StaffAccount;
	/** Ward accounts of the organisation a change may say it was made by. */
	readonly #makers: Set<string>;
	readonly #catalogue: Catalogue;
	/** Each record's day on the organisation's wall clock. */
	readonly #days: LocalDays;
	/** Records the batch names, stored before or accepted in it, by id. */
	readonly #records: Map<string, StoredRecord>;
	readonly #tokenHashes: Set<string>;
	/** The batch's tokens, each with its hash (applyChanges hashes each once). */
	readonly #hashOf: ReadonlyMap<string, string>;
	readonly #voided = new Set<string>();
	/** Records held for the lead that the batch names, held before or in it, by id. */
	readonly #held: Map<string, HeldRow>;
	readonly #understandsHeld: boolean;

	constructor(
		account: StaffAccount,
		makers: Set<string>,
		now: Date,
		catalogue: Catalogue,
		stored: StoredRecord[],
		linkedTokenHashes: string[],
		hashOf: ReadonlyMap<string, string>,
		held: HeldRow[] = [],
		understandsHeld = false
	) {
		this.#account = account;
		this.#makers = makers;
		this.#now = now;
		this.#catalogue = catalogue;
		this.#days = new LocalDays(catalogue.timeZone);
		this.#records = new Map(stored.map((r) => [r.id, r]));
		this.#tokenHashes = new Set(linkedTokenHashes);
		this.#hashOf = hashOf;
		for (const r of stored) if (r.voided_at) this.#voided.add(r.id);
		this.#held = new Map(held.map((h) => [h.id, h]));
		this.#understandsHeld = understandsHeld;
	}

	get voidedNow(): Array<{ id: string; by: string; organisationId: string }> {
		return this.revisions.map((r) => ({
			id: r.delivery_id,
			by: r.changed_by,
			organisationId: r.organisation_id
		}));
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
		const held = this.#held.get(r.id);
		if (held) return this.#heldAnswer(changeId, held);
		if (!wards.has(r.wardId)) return refused(changeId, 'unknownWard');
		/*
		 * A true record with content the server no longer offers is held for the lead (the first
		 * of these reasons that applies), once the rest of it is found valid; every other refusal
		 * is as it was.
		 */
		let hold: HoldReason | null = null;
		// Made before the ward was retired (a device offline since), it is a true record.
		const wardRetiredAt = wards.get(r.wardId);
		if (wardRetiredAt && Date.parse(r.recordedAt) >= Date.parse(wardRetiredAt))
			hold = 'wardRetired';
		if (!patientGroups.has(r.patientGroupId)) return refused(changeId, 'unknownPatientGroup');
		if (!briefings.has(r.briefingId)) return refused(changeId, 'unknownBriefing');
		const version = versions.get(r.versionId);
		if (version?.briefingId !== r.briefingId) return refused(changeId, 'unknownVersion');
		const recordedAt = new Date(r.recordedAt);
		// Given while it was published, it is a true record even if it was retired since; given
		// after retirement (a device with stale content), it is held so the lead looks at it.
		const wasPublished =
			version.status === 'published' ||
			(version.status === 'retired' &&
				version.retiredAt !== null &&
				recordedAt.getTime() < Date.parse(version.retiredAt));
		if (!wasPublished) hold ??= 'versionNotPublished';
		// A draft never reached a ward: a record of one is no true event, and stays refused.
		if (version.status !== 'published' && version.status !== 'retired')
			return refused(changeId, 'versionNotPublished');
		if (!publishedVariants.has(variantKey(r.versionId, r.format, r.language)))
			hold ??= 'variantNotInVersion';
		if (recordedAt.getTime() > this.#now.getTime() + FUTURE_TOLERANCE_MS)
			return refused(changeId, 'recordedInFuture');
		const token = r.patientToken;
		const tokenHash = token ? (this.#hashOf.get(token) ?? patientTokenHash(token)) : null;
		// Tokens are 128 random bits: a repeat is a device fault, and must not link two patients.
		if (tokenHash && this.#tokenHashes.has(tokenHash))
			return refused(changeId, 'invalid', [
				{ field: 'patientToken', message: 'already linked to another delivery' }
			]);

		const fields: Omit<StoredRecord, 'voided_at' | 'voided_by'> = {
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
			recorded_day: this.#days.of(recordedAt),
			received_at: this.#now.toISOString(),
			recorded_by: actor
		};
		if (hold) {
			const heldRow: HeldRow = {
				...fields,
				sent_by: this.#account.id,
				patient_token_hash: tokenHash,
				reason: hold,
				set_aside_at: null,
				set_aside_by: null,
				set_aside_reason: null
			};
			this.#held.set(fields.id, heldRow);
			if (tokenHash) this.#tokenHashes.add(tokenHash);
			this.newHeld.push(heldRow);
			return this.#heldAnswer(changeId, heldRow);
		}
		const row: StoredRecord = { ...fields, voided_at: null, voided_by: null };
		this.#records.set(row.id, row);
		this.newRecords.push(row);
		if (tokenHash) {
			this.#tokenHashes.add(tokenHash);
			this.newLinks.push({
				token_hash: tokenHash,
				delivery_id: row.id,
				organisation_id: row.organisation_id,
				created_at: row.received_at
			});
		}
		return { id: changeId, status: 'accepted' };
	}

	/**
	 * Held (now or before): `held` to a device that understands it, else `refused` with the same
	 * reason, as that device was always answered (see SyncRequest in $lib/domain/sync).
	 */
	/**
	 * The nurse undid a record the server holds for the lead (the tablet had already let it go):
	 * it is set aside as undone on the ward, so the lead is not asked about it. Same rules as
	 * any undo: their own record, within the minute. One a lead set aside before the undo
	 * arrived (it waited on the tablet after a failed sync) becomes undone on the ward too, so
	 * that it can never be counted after all: no briefing was given.
	 */
	#undoHeld(changeId: string, u: DeliveryUndo, held: HeldRow, actor: string): ChangeResult {
		if (held.recorded_by !== actor) return refused(changeId, 'notYourDelivery');
		const elapsed = Date.parse(u.undoneAt) - Date.parse(held.recorded_at);
		if (elapsed > UNDO_WINDOW_SECONDS * 1000) return refused(changeId, 'undoTooLate');
		if (held.set_aside_reason === UNDONE_ON_WARD || this.heldUndone.some((h) => h.id === held.id))
			return { id: changeId, status: 'duplicate' };
		this.heldUndone.push({ id: held.id, by: actor, organisationId: held.organisation_id });
		return { id: changeId, status: 'accepted' };
	}

	#heldAnswer(changeId: string, held: HeldRow): ChangeResult {
		const reason = HoldReason.parse(held.reason);
		return this.#understandsHeld
			? { id: changeId, status: 'held', reason }
			: refused(changeId, reason);
	}

	#undo(changeId: string, u: DeliveryUndo, actor: string): ChangeResult {
		const record = this.#records.get(u.deliveryId);
		const held = record ? undefined : this.#held.get(u.deliveryId);
		if (held?.organisation_id === this.#account.organisationId)
			return this.#undoHeld(changeId, u, held, actor);
		if (record?.organisation_id !== this.#account.organisationId)
			return refused(changeId, 'unknownDelivery');
		if (record.recorded_by !== actor) return refused(changeId, 'notYourDelivery');
		const elapsed = Date.parse(u.undoneAt) - Date.parse(record.recorded_at);
		if (elapsed > UNDO_WINDOW_SECONDS * 1000) return refused(changeId, 'undoTooLate');
		if (this.#voided.has(record.id)) return { id: changeId, status: 'duplicate' };

		this.#voided.add(record.id);
		this.revisions.push({
			delivery_id: record.id,
			organisation_id: record.organisation_id,
			changed_at: this.#now.toISOString(),
			changed_by: actor,
			change: 'undo',
			before: JSON.stringify(recordFields(record))
		});
		return { id: changeId, status: 'accepted' };
	}
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
