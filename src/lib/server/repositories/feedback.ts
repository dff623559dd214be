import { randomUUID } from 'node:crypto';
import type { FeedbackInput } from '$lib/domain/feedback';
import { localDay } from '$lib/domain/local-time';
import { inTransaction, type Db } from '../db/database';
import { isUniqueViolation } from '../db/sql';
import { patientTokenHash } from '../sync/patient-token';
import { organisationTimeZone } from './organisations';

/** A response may be changed for a day after it was first given; then it is closed. */
export const FEEDBACK_CHANGEABLE_HOURS = 24;

/**
 * `notAvailable`: the briefing's organisation is suspended by the platform; like its patient
 * pages (410), it takes nothing in.
 */
export type FeedbackOutcome = 'saved' | 'updated' | 'closed' | 'unknownBriefing' | 'notAvailable';

/**
 * Stores a patient's answers. With a token: every response is kept, for a day after the first
 * (the measures read each link's latest answer to each question; see latestAnswer in the
 * measurement repository). The delivery is found through the token's hash when the ward's record has
 * arrived; if it has not yet (the tablet may be offline), the hash links them later.
 *
 * A submission the phone has named (`submissionId`) is stored once: sent again (its reply was
 * lost, so the phone queued it), it is answered as the first time, storing nothing. Two copies
 * arriving together meet the unique index (045); the loser runs again and finds the winner's.
 */
export async function saveFeedback(
	db: Db,
	input: FeedbackInput,
	now = new Date(),
	/** The token's hash as the link is known by (a typed code's link: patient-codes.ts). */
	tokenHash = input.token ? patientTokenHash(input.token) : null
): Promise<FeedbackOutcome> {
	try {
		return await saveOnce(db, input, now, tokenHash);
	} catch (error) {
		if (input.submissionId && isUniqueViolation(error)) return saveOnce(db, input, now, tokenHash);
		throw error;
	}
}

/** How a stored submission was answered: 'updated' when an earlier one came through its link. */
async function answeredBefore(
	db: Db,
	organisationId: string,
	submissionId: string
): Promise<FeedbackOutcome | null> {
	const stored = await db
		.selectFrom('feedback')
		.select(['id', 'token_hash', 'received_at'])
		.where('organisation_id', '=', organisationId)
		.where('submission_id', '=', submissionId)
		.executeTakeFirst();
	if (!stored) return null;
	if (!stored.token_hash) return 'saved';
	const first = await db
		.selectFrom('feedback')
		.select('id')
		.where('token_hash', '=', stored.token_hash) // tenancy: one link, one delivery's organisation
		.orderBy('received_at')
		.orderBy('id')
		.limit(1)
		.executeTakeFirstOrThrow();
	return first.id === stored.id ? 'saved' : 'updated';
}

async function saveOnce(
	db: Db,
	input: FeedbackInput,
	now: Date,
	tokenHash: string | null
): Promise<FeedbackOutcome> {
	return inTransaction(db, async (trx) => {
		// Through a QR code whose delivery has arrived: the version the patient was given, even
		// if a newer one is published (or the briefing retired) since. Otherwise: the published one.
		const given = tokenHash
			? await trx
					.selectFrom('patient_link')
					.innerJoin('delivery_record', 'delivery_record.id', 'patient_link.delivery_id')
					.innerJoin('organisation', 'organisation.id', 'delivery_record.organisation_id')
					.select([
						'delivery_record.id as delivery_id',
						'delivery_record.organisation_id',
						'delivery_record.version_id',
						'organisation.suspended_at'
					])
					.where('patient_link.token_hash', '=', tokenHash)
					.where('delivery_record.briefing_id', '=', input.briefingId)
					.executeTakeFirst()
			: undefined;
		const published = given
			? undefined
			: await trx
					.selectFrom('briefing')
					.innerJoin('briefing_version', 'briefing_version.briefing_id', 'briefing.id')
					.innerJoin('organisation', 'organisation.id', 'briefing.organisation_id')
					.select([
						'briefing.organisation_id',
						'briefing_version.id as version_id',
						'organisation.suspended_at'
					])
					.where('briefing.id', '=', input.briefingId)
					.where('briefing_version.status', '=', 'published')
					.executeTakeFirst();
		const briefing = given ?? published;
		if (!briefing) return 'unknownBriefing';
		if (briefing.suspended_at !== null) return 'notAvailable';
		if (input.submissionId) {
			const repeat = await answeredBefore(trx, briefing.organisation_id, input.submissionId);
			if (repeat) return repeat;
		}

		const answers = {
			language: input.language,
			overall: input.overall ?? null,
			knows_how_to_get_help: input.knowsHowToGetHelp ?? null,
			able_to_ask_hand_hygiene: input.ableToAskHandHygiene ?? null,
			free_text: input.freeText || null
		};
		// Every response is kept as its own row: a later answer through the same link adds to
		// the history and never overwrites an earlier one (a comment is never lost). The link
		// stays open for a day from its first response.
		let earlier = false;
		if (tokenHash) {
			const first = await trx
				.selectFrom('feedback')
				.select('received_at')
				.where('token_hash', '=', tokenHash) // tenancy: one link, one delivery's organisation
				.orderBy('received_at')
				.limit(1)
				.executeTakeFirst();
			if (first) {
				const age = now.getTime() - Date.parse(first.received_at);
				if (age > FEEDBACK_CHANGEABLE_HOURS * 3_600_000) return 'closed';
				earlier = true;
			}
		}
		await trx
			.insertInto('feedback')
			.values({
				id: randomUUID(),
				organisation_id: briefing.organisation_id,
				briefing_id: input.briefingId,
				version_id: briefing.version_id,
				delivery_id: given?.delivery_id ?? null,
				...answers,
				received_at: now.toISOString(),
				received_day: localDay(now, await organisationTimeZone(trx, briefing.organisation_id)),
				token_hash: tokenHash,
				updated_at: null,
				submission_id: input.submissionId ?? null
			})
			.execute();
		return earlier ? 'updated' : 'saved';
	});
}

export type ViewEvent = 'opened' | 'finished';

/**
 * Records that a token's briefing was opened or read to the end: once each, and only for a token
 * that a delivery's patient link holds — a made-up token stores nothing, and neither does a
 * suspended organisation's. Whether it was stored.
 */
export async function recordViewEvent(
	db: Db,
	token: string,
	event: ViewEvent,
	now = new Date(),
	tokenHash = patientTokenHash(token)
): Promise<boolean> {
	const result = await db
		.insertInto('patient_view_event')
		.columns(['token_hash', 'organisation_id', 'event', 'at'])
		.expression((eb) =>
			eb
				.selectFrom('patient_link')
				.select([
					'patient_link.token_hash',
					'patient_link.organisation_id',
					eb.val(event).as('event'),
					eb.val(now.toISOString()).as('at')
				])
				.innerJoin('organisation', 'organisation.id', 'patient_link.organisation_id')
				.where('patient_link.token_hash', '=', tokenHash)
				.where('organisation.suspended_at', 'is', null)
		)
		.onConflict((oc) => oc.columns(['token_hash', 'event']).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Whether a view event is still wanted: `wanted` when the token is a delivery's and the event not
 * yet kept; `notAvailable` when the delivery's organisation is suspended; else `ignored`.
 */
export async function viewEventWanted(
	db: Db,
	token: string,
	event: ViewEvent,
	tokenHash = patientTokenHash(token)
): Promise<'wanted' | 'ignored' | 'notAvailable'> {
	const row = await db
		.selectFrom('patient_link')
		.innerJoin('organisation', 'organisation.id', 'patient_link.organisation_id')
		.leftJoin('patient_view_event as e', (join) =>
			join.onRef('e.token_hash', '=', 'patient_link.token_hash').on('e.event', '=', event)
		)
		.select(['e.event', 'organisation.suspended_at'])
		.where('patient_link.token_hash', '=', tokenHash) // tenancy: the token decides
		.executeTakeFirst();
	if (!row) return 'ignored';
	if (row.suspended_at !== null) return 'notAvailable';
	return row.event === null ? 'wanted' : 'ignored';
}

/** Where a short link's token leads: its organisation, and the briefing, language and format given on the ward. */
export async function deliveryForToken(db: Db, token: string) {
	return db
		.selectFrom('patient_link')
		.innerJoin('delivery_record', 'delivery_record.id', 'patient_link.delivery_id')
		.innerJoin('briefing', 'briefing.id', 'delivery_record.briefing_id')
		.innerJoin('organisation', 'organisation.id', 'patient_link.organisation_id')
		.select([
			'organisation.slug as organisationSlug',
			'briefing.slug',
			'delivery_record.language',
			'delivery_record.format',
			'delivery_record.recorded_at'
		])
		.where('patient_link.token_hash', '=', patientTokenHash(token)) // tenancy: the token decides
		.where('delivery_record.voided_at', 'is', null)
		.executeTakeFirst();
}

export interface FeedbackSummary {
	id: string;
	topic: string;
	language: string;
	overall: string | null;
	knowsHowToGetHelp: string | null;
	ableToAskHandHygiene: string | null;
	freeText: string | null;
	receivedAt: string;
	/** Whether it came through a ward's QR code whose delivery record has arrived. */
	linkedToDelivery: boolean;
}

/** Which of the organisation's feedback a lead reads: all of it, or only what has a comment. */
export interface FeedbackFilter {
	withComments?: boolean;
}

function feedbackOf(db: Db, organisationId: string, { withComments = false }: FeedbackFilter) {
	let query = db.selectFrom('feedback').where('feedback.organisation_id', '=', organisationId);
	if (withComments) query = query.where('feedback.free_text', 'is not', null);
	return query;
}

/** How many responses the organisation holds (with a comment, when asked), for paging. */
export async function countFeedback(
	db: Db,
	organisationId: string,
	filter: FeedbackFilter = {}
): Promise<number> {
	const row = await feedbackOf(db, organisationId, filter)
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * The organisation's feedback, newest first, a page at a time, for leads only (free text is
 * never exported): the pages reach back to the oldest response the retention settings keep.
 */
export async function listRecentFeedback(
	db: Db,
	organisationId: string,
	{
		limit = 50,
		offset = 0,
		withComments = false
	}: FeedbackFilter & { limit?: number; offset?: number } = {}
): Promise<FeedbackSummary[]> {
	const rows = await feedbackOf(db, organisationId, { withComments })
		.innerJoin('briefing', 'briefing.id', 'feedback.briefing_id')
		.leftJoin('patient_link', 'patient_link.token_hash', 'feedback.token_hash')
		.select([
			'feedback.id',
			'briefing.topic',
			'feedback.language',
			'feedback.overall',
			'feedback.knows_how_to_get_help',
			'feedback.able_to_ask_hand_hygiene',
			'feedback.free_text',
			'feedback.received_at',
			'patient_link.delivery_id'
		])
		// The id after the time: responses received in the same instant keep one order, page to page.
		.orderBy('feedback.received_at', 'desc')
		.orderBy('feedback.id', 'desc')
		.limit(limit)
		.offset(offset)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		topic: r.topic,
		language: r.language,
		overall: r.overall,
		knowsHowToGetHelp: r.knows_how_to_get_help,
		ableToAskHandHygiene: r.able_to_ask_hand_hygiene,
		freeText: r.free_text,
		receivedAt: r.received_at,
		linkedToDelivery: r.delivery_id !== null
	}));
}
