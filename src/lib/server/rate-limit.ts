import { createHash } from 'node:crypto';
import { addressNetwork } from './address-network';
import type { Db } from './db/database';

export interface Limit {
	max: number;
	windowMinutes: number;
}

export type RateDecision = { limited: false } | { limited: true; retryAfterMinutes: number };

/**
 * A key for a client address that does not keep the address itself: for the network it stands
 * for (an IPv6 address's /64, whose addresses one phone may rotate through; address-network.ts).
 */
export function addressKey(address: string): string {
	return `address:${createHash('sha256').update(addressNetwork(address)).digest('hex')}`;
}

/*
 * Rate limits, counted in the database, so every app server behind a load balancer counts the
 * same hits (and a restart forgets none).
 *
 * A sliding window made of two fixed ones (the "sliding window counter"): a key's hits are
 * counted per fixed window, a whole number of window lengths since the epoch. A hit is allowed
 * when the current window's count, plus the previous window's weighted by the share of it that
 * still lies within the last `windowMinutes`, stays under `max`.
 * Example: 30 an hour; 20 hits between 10:00 and 11:00; at 11:15 the previous hour weighs
 * 20 × 45/60 = 15, so 15 hits fit in the current hour (the allowance) — by 11:30, 20 fit.
 *
 * The previous window is closed, so reading it races with nothing. The current one is raised
 * by ONE statement that counts the hit only if it fits:
 *     insert … (key, window_start, count) values (…, 1)
 *     on conflict (key, window_start) do update set count = count + 1 where count < :allowance
 *     returning count
 * No row back means refused. Two servers at once queue on the row (PostgreSQL's row lock,
 * SQLite's write lock), so a count never passes its allowance: no read-then-write race.
 * A refused hit is not counted, so a flood does not extend its own lock-out. With several
 * keys, a hit refused by one is taken back from those that counted it; meanwhile it may refuse
 * another hit, erring towards refusing, never towards letting more through. No transaction is
 * needed (each statement stands alone), so this may run inside one or outside.
 * Rows go once their window no longer weighs anything (`expires_at`).
 */

interface Window {
	key: string;
	limit: Limit;
	lengthMs: number;
	start: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function windowOf(key: string, limit: Limit, now: Date): Window {
	const lengthMs = limit.windowMinutes * 60_000;
	return { key, limit, lengthMs, start: Math.floor(now.getTime() / lengthMs) * lengthMs };
}

async function countIn(db: Db, key: string, start: number): Promise<number> {
	const row = await db
		.selectFrom('rate_limit_window')
		.select('count')
		.where('key', '=', key)
		.where('window_start', '=', iso(start))
		.executeTakeFirst();
	return Number(row?.count ?? 0);
}

/**
 * How many hits the current window may hold: `max` less the previous window's weighted
 * count, rounded up (count + weighted < max ⇔ count < ⌈max − weighted⌉). Whole milliseconds
 * throughout, so an exact boundary is not nudged by floating point.
 */
function allowance(w: Window, previous: number, now: Date): number {
	const remainingMs = w.start + w.lengthMs - now.getTime();
	return Math.ceil((w.limit.max * w.lengthMs - previous * remainingMs) / w.lengthMs);
}

/** Counts the hit if the current window holds fewer than `allowed`; answers whether it did. */
async function countHit(db: Db, w: Window, allowed: number): Promise<boolean> {
	if (allowed <= 0) return false;
	const counted = await db
		.insertInto('rate_limit_window')
		.values({
			key: w.key,
			window_start: iso(w.start),
			count: 1,
			expires_at: iso(w.start + 2 * w.lengthMs)
		})
		.onConflict((oc) =>
			oc
				.columns(['key', 'window_start'])
				.doUpdateSet((eb) => ({ count: eb('rate_limit_window.count', '+', 1) }))
				.where('rate_limit_window.count', '<', allowed)
		)
		.returning('count')
		.execute();
	return counted.length > 0;
}

async function takeBack(db: Db, w: Window): Promise<void> {
	await db
		.updateTable('rate_limit_window')
		.set((eb) => ({ count: eb('count', '-', 1) }))
		.where('key', '=', w.key)
		.where('window_start', '=', iso(w.start))
		.where('count', '>', 0)
		.execute();
}

/**
 * When a refused key takes a hit again: within this window, once the previous one weighs
 * little enough; else just after this one ends, when this window becomes the previous one.
 */
function freedAt(w: Window, previous: number, current: number): number {
	const { max } = w.limit;
	const end = w.start + w.lengthMs;
	if (current < max && previous > 0) return end - ((max - current) * w.lengthMs) / previous;
	return end + Math.max(0, w.lengthMs - (max * w.lengthMs) / Math.max(current, 1));
}

/**
 * Counts a hit against each key and refuses when any key is at its limit (see above); the
 * answer names the minutes until the refusing key takes a hit again.
 */
export async function hitRateLimits(
	db: Db,
	keys: ReadonlyArray<{ key: string; limit: Limit }>,
	now = new Date()
): Promise<RateDecision> {
	const counted: Window[] = [];
	let decision: RateDecision = { limited: false };
	for (const { key, limit } of keys) {
		const w = windowOf(key, limit, now);
		const previous = await countIn(db, key, w.start - w.lengthMs);
		if (await countHit(db, w, allowance(w, previous, now))) {
			counted.push(w);
			continue;
		}
		for (const c of counted) await takeBack(db, c);
		const free = freedAt(w, previous, await countIn(db, key, w.start));
		decision = {
			limited: true,
			retryAfterMinutes: Math.max(1, Math.ceil((free - now.getTime()) / 60_000))
		};
		break;
	}
	await db.deleteFrom('rate_limit_window').where('expires_at', '<=', now.toISOString()).execute();
	return decision;
}

/**
 * Whether any key is at its limit now, counting nothing: for a lookup that must be refused
 * before it is tried (a guessed code must not learn whether it was right), while only wrong
 * answers are counted afterwards (hitRateLimits).
 */
export async function rateLimitedNow(
	db: Db,
	keys: ReadonlyArray<{ key: string; limit: Limit }>,
	now = new Date()
): Promise<RateDecision> {
	for (const { key, limit } of keys) {
		const w = windowOf(key, limit, now);
		const previous = await countIn(db, key, w.start - w.lengthMs);
		const current = await countIn(db, key, w.start);
		if (current < allowance(w, previous, now)) continue;
		const free = freedAt(w, previous, current);
		return {
			limited: true,
			retryAfterMinutes: Math.max(1, Math.ceil((free - now.getTime()) / 60_000))
		};
	}
	return { limited: false };
}
