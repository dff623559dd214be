import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import {
	MAX_FAILURES_PER_ACCOUNT,
	MAX_FAILURES_PER_ACCOUNT_FROM_BUSY_ADDRESS,
	MAX_FAILURES_PER_ADDRESS,
	WINDOW_MINUTES,
	beginSignInAttempt,
	checkSignInThrottle,
	markSignInSucceeded,
	recordSignInAttempt
} from './sign-in-limits';
import { openTestDatabase } from '../test-support/test-database';

let db: Db;
const now = new Date('2026-03-10T09:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const email = 'lead@trust.example';
const address = '203.0.113.7';

beforeEach(async () => {
	db = await openTestDatabase();
});
afterEach(async () => {
	await db.destroy();
});

async function fail(times: number, at: Date, who = email, from = address) {
	for (let i = 0; i < times; i++) await recordSignInAttempt(db, who, from, false, at);
}

describe('sign-in throttle', () => {
	it('has the limits the sign-in page promises', () => {
		expect([
			WINDOW_MINUTES,
			MAX_FAILURES_PER_ACCOUNT,
			MAX_FAILURES_PER_ADDRESS,
			MAX_FAILURES_PER_ACCOUNT_FROM_BUSY_ADDRESS
		]).toEqual([15, 5, 20, 2]);
	});

	it('lets 4 failures through and limits the account at the 5th', async () => {
		await fail(4, minutesAgo(1));
		expect(await checkSignInThrottle(db, email, address, now)).toEqual({ limited: false });

		await fail(1, minutesAgo(1));
		const throttle = await checkSignInThrottle(db, email, address, now);
		expect(throttle).toEqual({ limited: true, retryAfterMinutes: expect.any(Number) });
		const minutes = throttle.limited ? throttle.retryAfterMinutes : Number.NaN;
		expect(minutes).toBeGreaterThanOrEqual(1);
		expect(minutes).toBeLessThanOrEqual(15);
		// The oldest failure was a minute ago: it leaves the window in 14 minutes.
		expect(minutes).toBe(14);
	});

	it('limits the account from any address, whatever the case of the email', async () => {
		await fail(5, minutesAgo(2), 'Lead@Trust.Example', '198.51.100.1');
		expect(await checkSignInThrottle(db, 'LEAD@trust.example', address, now)).toMatchObject({
			limited: true
		});
		expect(await checkSignInThrottle(db, 'other@trust.example', address, now)).toEqual({
			limited: false
		});
	});

	it('waits at least a minute, and frees the account when the window has passed', async () => {
		await fail(5, minutesAgo(14.99));
		expect(await checkSignInThrottle(db, email, address, now)).toEqual({
			limited: true,
			retryAfterMinutes: 1
		});
		expect(await checkSignInThrottle(db, email, address, minutesAgo(-0.02))).toEqual({
			limited: false
		});
	});

	it('does not count failures older than 15 minutes', async () => {
		await fail(10, minutesAgo(16));
		await fail(4, minutesAgo(3));
		expect(await checkSignInThrottle(db, email, address, now)).toEqual({ limited: false });
	});

	it('never locks a busy address as a whole: an account nobody has failed on still signs in', async () => {
		// Behind a proxy, 20 wrong passwords by anyone make the address everyone shares busy.
		for (let i = 0; i < 20; i++) await fail(1, minutesAgo(5), `person${i}@trust.example`);
		expect(await checkSignInThrottle(db, 'nurse@trust.example', address, now)).toEqual({
			limited: false
		});
	});

	it('allows two failures per account, not five, from a busy address', async () => {
		for (let i = 1; i <= 18; i++) await fail(1, minutesAgo(5), `person${i}@trust.example`);
		await fail(1, minutesAgo(5), 'person0@trust.example');
		// 19 failures: not busy, so person0 may fail up to five times.
		expect(await checkSignInThrottle(db, 'person0@trust.example', address, now)).toEqual({
			limited: false
		});

		await fail(1, minutesAgo(4), 'person0@trust.example');
		// 20: busy. person0 has failed twice: limited until the first leaves the window…
		expect(await checkSignInThrottle(db, 'person0@trust.example', address, now)).toEqual({
			limited: true,
			retryAfterMinutes: 10
		});
		// …person1 has failed once and may try once more; nobody has tried person19.
		expect(await checkSignInThrottle(db, 'person1@trust.example', address, now)).toEqual({
			limited: false
		});
		expect(await checkSignInThrottle(db, 'person19@trust.example', address, now)).toEqual({
			limited: false
		});
		// Another address is not busy: five failures per account there.
		expect(await checkSignInThrottle(db, 'person0@trust.example', '198.51.100.1', now)).toEqual({
			limited: false
		});
	});

	it('cuts someone guessing across many accounts from a shared address to two tries each', async () => {
		const guesser = '10.9.9.9';
		const accounts = Array.from({ length: 30 }, (_, i) => `staff${i}@trust.example`);
		let guesses = 0;
		for (let round = 0; round < 5; round++)
			for (const who of accounts) {
				const attempt = await beginSignInAttempt(db, who, guesser, now);
				if (!attempt.limited) guesses++;
			}
		// 5 rounds over 30 accounts: without the busy rule, 5 × 30 = 150 guesses would get through.
		expect(guesses).toBe(2 * accounts.length);
	});

	it('counts an IPv6 client by its /64: a new address for every guess is still one address', async () => {
		const network = '2001:db8:7:9';
		const accounts = Array.from({ length: 30 }, (_, i) => `staff${i}@trust.example`);
		let guesses = 0;
		for (let round = 0; round < 5; round++)
			for (const [i, who] of accounts.entries()) {
				const rotated = `${network}:${(round * 100 + i + 1).toString(16)}::1`;
				if (!(await beginSignInAttempt(db, who, rotated, now)).limited) guesses++;
			}
		// Counted per address, 150 addresses with one failure each: 5 × 30 guesses got through.
		expect(guesses).toBe(2 * accounts.length);
		// Another /64 is not busy: staff0 has failed twice of its five there.
		expect(await checkSignInThrottle(db, 'staff0@trust.example', '2001:db8:7:a::1', now)).toEqual({
			limited: false
		});
		// What is kept is the network, not the device's own address.
		const kept = await db.selectFrom('sign_in_attempt').select('address').distinct().execute();
		expect(kept).toEqual([{ address: '2001:db8:7:9::/64' }]);
	});

	it('counts an IPv4 client the same whether it arrives as IPv4 or IPv4-mapped IPv6', async () => {
		// 19 failures from the IPv4 address, the 20th (making it busy) from its mapped form.
		for (let i = 0; i < 19; i++) await fail(1, minutesAgo(5), `person${i}@trust.example`);
		await fail(1, minutesAgo(4), 'person0@trust.example', `::ffff:${address}`);
		expect(await checkSignInThrottle(db, 'person0@trust.example', address, now)).toEqual({
			limited: true,
			retryAfterMinutes: 10
		});
	});

	it('does not count successes', async () => {
		for (let i = 0; i < 25; i++) await recordSignInAttempt(db, email, address, true, minutesAgo(1));
		expect(await checkSignInThrottle(db, email, address, now)).toEqual({ limited: false });
	});

	it('is not reset by a success', async () => {
		await fail(5, minutesAgo(3));
		await recordSignInAttempt(db, email, address, true, minutesAgo(1));
		expect(await checkSignInThrottle(db, email, address, now)).toMatchObject({ limited: true });
	});

	it('forgets attempts more than a day old', async () => {
		await fail(3, new Date(now.getTime() - 25 * 3_600_000));
		await fail(1, now);
		expect(await db.selectFrom('sign_in_attempt').select('at').execute()).toEqual([
			{ at: now.toISOString() }
		]);
	});
});

describe('beginSignInAttempt', () => {
	it('counts parallel guesses before any password is checked: only five get through', async () => {
		const db = await openTestDatabase();
		const now = new Date('2026-03-10T09:00:00Z');
		const results = await Promise.all(
			Array.from({ length: 12 }, () =>
				beginSignInAttempt(db, 'nurse@demo.example', '10.1.1.1', now)
			)
		);
		expect(results.filter((r) => !r.limited)).toHaveLength(5);
		expect(results.filter((r) => r.limited)).toHaveLength(7);
		await db.destroy();
	});

	it('turns the attempt into a success when the password was right', async () => {
		const db = await openTestDatabase();
		const now = new Date('2026-03-10T09:00:00Z');
		for (let i = 0; i < 4; i++) await beginSignInAttempt(db, 'lead@demo.example', '10.1.1.2', now);
		const fifth = await beginSignInAttempt(db, 'lead@demo.example', '10.1.1.2', now);
		await markSignInSucceeded(db, fifth.attemptId ?? -1);
		expect(await beginSignInAttempt(db, 'lead@demo.example', '10.1.1.2', now)).toMatchObject({
			limited: false
		});
		await db.destroy();
	});
});
