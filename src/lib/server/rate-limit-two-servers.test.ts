import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db/database';
import { hitRateLimits, type Limit } from './rate-limit';
import { openTestDatabasePair } from './test-support/test-database';

/*
 * Rate limits across two app servers on one database (issue 14, item 4): `a` and `b` have their
 * own connections (test-database.ts). Hits on one key split across both servers, all at once,
 * let exactly `max` through, as the same hits through one server would, and the stored count
 * is `max`: no hit counted twice, none lost, none let through past the limit.
 */

const ROUNDS = 4;
const limit: Limit = { max: 7, windowMinutes: 60 };
const HITS = 2 * limit.max + 4;
const now = new Date('2026-03-10T10:20:00Z');

let a: Db;
let b: Db;

beforeAll(async () => {
	[a, b] = await openTestDatabasePair();
});

afterAll(async () => {
	await b.destroy();
	await a.destroy();
});

describe('hitRateLimits on two servers', () => {
	it('lets max hits through, counted once each, however they are split', async () => {
		for (let round = 0; round < ROUNDS; round++) {
			const key = `address:round-${round}`;
			const decisions = await Promise.all(
				Array.from({ length: HITS }, (_, i) => hitRateLimits(i % 2 ? a : b, [{ key, limit }], now))
			);
			expect(decisions.filter((d) => !d.limited)).toHaveLength(limit.max);
			const stored = await a
				.selectFrom('rate_limit_window')
				.select('count')
				.where('key', '=', key)
				.executeTakeFirstOrThrow();
			expect(Number(stored.count)).toBe(limit.max);
			expect(await hitRateLimits(b, [{ key, limit }], now)).toEqual({
				limited: true,
				retryAfterMinutes: 40
			});
		}
	});
});
