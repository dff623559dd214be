import { BriefingFormat } from '$lib/domain/format';
import { LanguageCode } from '$lib/domain/language';
import { DeliveryOutcome, TeachBack, type DeliveryCorrection } from '$lib/domain/delivery-record';
import type { StaffAccount } from '$lib/domain/staff';
import { inTransaction, type Db } from '../db/database';
import { recountDays } from './day-counts';
import { toAnswer, toInteger } from './answers';

/*
 * Corrections by a lead after the minute for undo has passed. A correction changes the
 * record's answers and writes a revision holding the record as it was, so the audit trail
 * keeps every earlier state; nothing is ever deleted.
 */

export interface DeliverySummary {
	id: string;
	wardName: string;
	groupName: string;
	topic: string;
	versionNumber: number;
	format: BriefingFormat;
	language: string;
	outcome: DeliveryOutcome;
	/** null: not recorded. */
	talkedThrough: boolean | null;
	interpreterUsed: boolean | null;
	carerPresent: boolean | null;
	teachBack: TeachBack | null;
	/** null: the language given (or not said). */
	languageNeeded: LanguageCode | null;
	recordedAt: string;
	recordedByName: string;
	voided: boolean;
}

function summaries(db: Db, organisationId: string) {
	return db
		.selectFrom('delivery_record as d')
		.innerJoin('ward', 'ward.id', 'd.ward_id')
		.innerJoin('patient_group as g', 'g.id', 'd.patient_group_id')
		.innerJoin('briefing as b', 'b.id', 'd.briefing_id')
		.innerJoin('briefing_version as v', 'v.id', 'd.version_id')
		.innerJoin('staff_account as s', 's.id', 'd.recorded_by')
		.select([
			'd.id',
			'ward.name as ward_name',
			'g.name as group_name',
			'b.topic',
			'v.number as version_number',
			'd.format',
			'd.language',
			'd.outcome',
			'd.talked_through',
			'd.interpreter_used',
			'd.carer_present',
			'd.teach_back',
			'd.language_needed',
			'd.recorded_at',
			's.display_name',
			'd.voided_at'
		])
		.where('d.organisation_id', '=', organisationId);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number];

function toSummary(r: SummaryRow): DeliverySummary {
	return {
		id: r.id,
		wardName: r.ward_name,
		groupName: r.group_name,
		topic: r.topic,
		versionNumber: r.version_number,
		format: BriefingFormat.parse(r.format),
		language: r.language,
		outcome: DeliveryOutcome.parse(r.outcome),
		talkedThrough: toAnswer(r.talked_through),
		interpreterUsed: toAnswer(r.interpreter_used),
		carerPresent: toAnswer(r.carer_present),
		teachBack: TeachBack.nullable().parse(r.teach_back),
		languageNeeded: r.language_needed === null ? null : LanguageCode.parse(r.language_needed),
		recordedAt: r.recorded_at,
		recordedByName: r.display_name,
		voided: r.voided_at !== null
	};
}

/** Which of the organisation's deliveries a lead looks through: all wards', or one ward's. */
export interface DeliveryFilter {
	wardId?: string | null;
}

/** How many deliveries the organisation holds (on one ward, when asked), for paging. */
export async function countDeliveries(
	db: Db,
	organisationId: string,
	{ wardId = null }: DeliveryFilter = {}
): Promise<number> {
	const row = await db
		.selectFrom('delivery_record')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('organisation_id', '=', organisationId)
		.$if(wardId !== null, (q) => q.where('ward_id', '=', wardId!))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * The organisation's deliveries, newest first, a page at a time: a lead reaches back to any
 * record to correct it, not only the latest.
 */
export async function listRecentDeliveries(
	db: Db,
	organisationId: string,
	{
		limit = 50,
		offset = 0,
		wardId = null
	}: DeliveryFilter & { limit?: number; offset?: number } = {}
): Promise<DeliverySummary[]> {
	const rows = await summaries(db, organisationId)
		.$if(wardId !== null, (q) => q.where('d.ward_id', '=', wardId!))
		.orderBy('d.recorded_at', 'desc')
		.orderBy('d.id', 'desc')
		.limit(limit)
		.offset(offset)
		.execute();
	return rows.map(toSummary);
}

export interface Revision {
	change: 'undo' | 'correction';
	changedAt: string;
	changedByName: string;
	before: Partial<DeliveryCorrection>;
}

/** One delivery with its audit trail, oldest change first; null if not this organisation's. */
export async function getDeliveryWithRevisions(
	db: Db,
	organisationId: string,
	id: string
): Promise<{ delivery: DeliverySummary; revisions: Revision[] } | null> {
	const row = await summaries(db, organisationId).where('d.id', '=', id).executeTakeFirst();
	if (!row) return null;
	const revisions = await db
		.selectFrom('delivery_record_revision as r')
		.innerJoin('staff_account as s', 's.id', 'r.changed_by')
		.select(['r.change', 'r.changed_at', 's.display_name', 'r.before'])
		.where('r.organisation_id', '=', organisationId)
		.where('r.delivery_id', '=', id)
		.orderBy('r.id')
		.execute();
	return {
		delivery: toSummary(row),
		revisions: revisions.map((r) => ({
			change: r.change,
			changedAt: r.changed_at,
			changedByName: r.display_name,
			before: JSON.parse(r.before) as Partial<DeliveryCorrection>
		}))
	};
}

/**
 * Applies a lead's correction; the record as it was goes into the audit trail first. A
 * language needed that is the language given is refused ('sameLanguage'), as on the ward.
 * The measures' day counts follow in the same transaction: the record's day is counted again
 * (day-counts.ts).
 */
export async function correctDelivery(
	db: Db,
	account: StaffAccount,
	id: string,
	correction: DeliveryCorrection,
	now = new Date()
): Promise<'corrected' | 'unchanged' | 'notFound' | 'sameLanguage'> {
	return inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('delivery_record')
			.selectAll()
			.where('id', '=', id)
			.where('organisation_id', '=', account.organisationId)
			.executeTakeFirst();
		if (!row) return 'notFound';
		const before: DeliveryCorrection = {
			outcome: DeliveryOutcome.parse(row.outcome),
			talkedThrough: toAnswer(row.talked_through),
			interpreterUsed: toAnswer(row.interpreter_used),
			carerPresent: toAnswer(row.carer_present),
			teachBack: TeachBack.nullable().parse(row.teach_back),
			languageNeeded: row.language_needed === null ? null : LanguageCode.parse(row.language_needed)
		};
		if (correction.languageNeeded !== null && correction.languageNeeded === row.language)
			return 'sameLanguage';
		const after: DeliveryCorrection = {
			outcome: correction.outcome,
			talkedThrough: correction.talkedThrough,
			interpreterUsed: correction.interpreterUsed,
			carerPresent: correction.carerPresent,
			teachBack: correction.teachBack,
			languageNeeded: correction.languageNeeded
		};
		if (JSON.stringify(before) === JSON.stringify(after)) return 'unchanged';
		await trx
			.insertInto('delivery_record_revision')
			.values({
				delivery_id: id,
				organisation_id: account.organisationId,
				changed_at: now.toISOString(),
				changed_by: account.id,
				change: 'correction',
				before: JSON.stringify(before)
			})
			.execute();
		await trx
			.updateTable('delivery_record')
			.set({
				outcome: correction.outcome,
				talked_through: toInteger(correction.talkedThrough),
				interpreter_used: toInteger(correction.interpreterUsed),
				carer_present: toInteger(correction.carerPresent),
				teach_back: correction.teachBack,
				language_needed: correction.languageNeeded
			})
			.where('organisation_id', '=', account.organisationId)
			.where('id', '=', id)
			.execute();
		await recountDays(trx, [
			{ organisationId: account.organisationId, day: row.recorded_day ?? '' }
		]);
		return 'corrected';
	});
}
