import type { FeedbackInput } from '$lib/domain/feedback';
import type { Db } from './db/database';
import { addressKey, hitRateLimits, type RateDecision } from './rate-limit';
import { patientTokenHash } from './sync/patient-token';
import { saveFeedback, type FeedbackOutcome } from './repositories/feedback';

/** Generous for a person, tight for a script: per token, and per address. */
export const FEEDBACK_LIMITS = {
	token: { max: 10, windowMinutes: 60 },
	address: { max: 30, windowMinutes: 60 }
};

/** The one way feedback comes in, from the API (JavaScript) and the form (no JavaScript). */
export async function submitFeedback(
	db: Db,
	input: FeedbackInput,
	address: string,
	now = new Date()
): Promise<FeedbackOutcome | Extract<RateDecision, { limited: true }>> {
	const keys = [{ key: addressKey(address), limit: FEEDBACK_LIMITS.address }];
	if (input.token)
		keys.unshift({ key: `token:${patientTokenHash(input.token)}`, limit: FEEDBACK_LIMITS.token });
	const decision = await hitRateLimits(db, keys, now);
	if (decision.limited) return decision;
	return saveFeedback(db, input, now);
}
