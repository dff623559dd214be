import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { createOrganisation } from '../repositories/organisations';
import { insertLead } from '../test-support/accounts';
import { openTestDatabasePair } from '../test-support/test-database';
import {
	MAX_FAILURES_PER_ACCOUNT,
	WINDOW_MINUTES,
	beginSignInAttempt,
	checkSignInThrottle
} from './sign-in-limits';

/*
 * Sign-in throttling across two app servers on one database (issue 14, item 4): `a` and `b`
 * have their own connections (test-database.ts). Guesses at one account split across both
 * servers, all at once, lock it exactly when the same number through one server would: the
 * first MAX_FAILURES_PER_ACCOUNT are checked, every later one is refused, on both servers.
 */

const ROUNDS = 4;
const GUESSES = 2 * MAX_FAILURES_PER_ACCOUNT + 2;
const start = new Date('2026-03-10T09:00:00Z');
const known = 'lead@trust.example';

let a: Db;
let b: Db;

beforeAll(async () => {
	[a, b] = await openTestDatabasePair();
	const organisationId = (await createOrganisation(a, { name: 'Northfield' })).id;
	// The throttle needs an account, not a password hash.
	await insertLead(a, organisationId, { email: known, at: start });
});

afterAll(async () => {
	await b.destroy();
	await a.destroy();
});

describe('sign-in throttle on two servers', () => {
	it('locks an account after the same number of failures, however they are split', async () => {
		for (let round = 0; round < ROUNDS; round++) {
			// A new window each round; an account, then an email no account holds.
			const now = new Date(start.getTime() + round * (WINDOW_MINUTES + 1) * 60_000);
			const email = round % 2 ? `nobody${round}@trust.example` : known;
			const address = `203.0.113.${round + 1}`;
			const answers = await Promise.all(
				Array.from({ length: GUESSES }, (_, i) =>
					beginSignInAttempt(i % 2 ? a : b, email, address, now)
				)
			);
			expect(answers.filter((t) => !t.limited && t.attemptId !== undefined)).toHaveLength(
				MAX_FAILURES_PER_ACCOUNT
			);
			expect(answers.filter((t) => t.limited)).toHaveLength(GUESSES - MAX_FAILURES_PER_ACCOUNT);
			for (const db of [a, b])
				expect(await checkSignInThrottle(db, email, address, now)).toEqual({
					limited: true,
					retryAfterMinutes: WINDOW_MINUTES
				});
		}
	});
});
