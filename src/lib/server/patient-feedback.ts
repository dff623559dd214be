import { FEEDBACK_TEXT_MAX, type FeedbackInput } from '$lib/domain/feedback';
import { maskIdentifiers, type IdentifierKind } from '$lib/domain/identifiers-in-text';
import type { Db } from './db/database';
import { linkTokenHash } from './patient-codes';
import { addressKey, hitRateLimits, type RateDecision } from './rate-limit';
import {
	recordViewEvent,
	saveFeedback,
	viewEventWanted,
	type FeedbackOutcome,
	type ViewEvent
} from './repositories/feedback';

/** Generous for a person, tight for a script: per token, and per address. */
export const FEEDBACK_LIMITS = {
	token: { max: 10, windowMinutes: 60 },
	address: { max: 30, windowMinutes: 60 }
};

/**
 * The comment as it may be stored: every identifier found masked (identifiers-in-text.ts),
 * within the length allowed, and the kinds found, so that the patient can be told.
 */
export function commentToStore(freeText: string | undefined): {
	freeText: string | undefined;
	removed: IdentifierKind[];
} {
	if (!freeText) return { freeText, removed: [] };
	const { text, found } = maskIdentifiers(freeText);
	return { freeText: text.slice(0, FEEDBACK_TEXT_MAX), removed: found };
}

/**
 * The one way feedback comes in, from the API (JavaScript) and the form (no JavaScript). The
 * comment is stored with any identifier in it masked (commentToStore). Through a QR code or a
 * typed code, before the ward's record has arrived too: it is kept under the token's hash and
 * joins the delivery when the record comes (never refused for arriving first).
 */
export async function submitFeedback(
	db: Db,
	input: FeedbackInput,
	address: string,
	now = new Date()
): Promise<FeedbackOutcome | Extract<RateDecision, { limited: true }>> {
	const keys = [{ key: addressKey(address), limit: FEEDBACK_LIMITS.address }];
	const tokenHash = input.token ? await linkTokenHash(db, input.token, now) : null;
	if (tokenHash) keys.unshift({ key: `token:${tokenHash}`, limit: FEEDBACK_LIMITS.token });
	const decision = await hitRateLimits(db, keys, now);
	if (decision.limited) return decision;
	const freeText = commentToStore(input.freeText).freeText;
	return saveFeedback(db, { ...input, freeText }, now, tokenHash);
}

/**
 * Per address, counted only when an event would be stored: a hospital's guest Wi-Fi puts many
 * patients behind one address, and each token stores each event at most once anyway.
 */
export const VIEW_EVENT_LIMIT = { max: 120, windowMinutes: 60 };

/**
 * The one way a patient's view event comes in (the page for 'opened', the API for 'finished').
 * A token no delivery holds stores nothing and counts nothing: a made-up token adds no rows.
 */
export async function recordPatientView(
	db: Db,
	token: string,
	event: ViewEvent,
	address: string,
	now = new Date()
): Promise<'recorded' | 'ignored' | 'notAvailable' | Extract<RateDecision, { limited: true }>> {
	const tokenHash = await linkTokenHash(db, token, now);
	const wanted = await viewEventWanted(db, token, event, tokenHash);
	if (wanted !== 'wanted') return wanted;
	const decision = await hitRateLimits(
		db,
		[{ key: `view:${addressKey(address)}`, limit: VIEW_EVENT_LIMIT }],
		now
	);
	if (decision.limited) return decision;
	return (await recordViewEvent(db, token, event, now, tokenHash)) ? 'recorded' : 'ignored';
}

/*
 * Feedback sent without JavaScript is answered Post/Redirect/Get: a 303 back to the page's own
 * address (its language, format and the link's token `t`, so a later answer still joins the
 * delivery) with `feedback=<status>`, which the page shows, and a fragment that brings the
 * thanks into view. Refreshing that page asks for it again and stores nothing. The marker makes
 * the address one the kept-page cache never keeps (page-key.ts keeps only `lang` and `format`),
 * so the page with the thanks is rendered for this request alone.
 */
const SENT = 'feedback';
const sentStatuses = ['saved', 'savedMasked'] as const;
export type FeedbackSent = (typeof sentStatuses)[number];
/** The feedback section's heading: the thanks sits just under it. */
export const FEEDBACK_ANCHOR = 'feedback-heading';

/** Where the browser goes once a form's answers are stored: `url` is the action's address. */
export function feedbackSentAddress(url: URL, sent: FeedbackSent): string {
	const query = new URLSearchParams(url.search);
	for (const name of [...query.keys()])
		if (name.startsWith('/') || name === SENT) query.delete(name);
	query.set(SENT, sent);
	return `${url.pathname}?${query}#${FEEDBACK_ANCHOR}`;
}

/** What the page says for the marker in its address, if it holds one it knows. */
export function feedbackSentOf(url: URL): FeedbackSent | null {
	const sent = url.searchParams.get(SENT);
	return sentStatuses.find((status) => status === sent) ?? null;
}
