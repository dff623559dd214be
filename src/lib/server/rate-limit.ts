import { createHash } from 'node:crypto';
import type { Db } from './db/database';

export interface Limit {
	max: number;
	windowMinutes: number;
}

export type RateDecision = { limited: false } | { limited: true; retryAfterMinutes: number };

/** A key for an address that does not keep the address itself. */
export function addressKey(address: string): string {
	return `address:${createHash('sha256').update(address).digest('hex')}`;
}

/**
 * Counts a hit against each key and refuses when any key already has `max` hits within its
 * window. A refused hit is not counted, so a flood does not extend its own lock-out. Kept in
 * the database, so limits hold across restarts and processes; rows older than a day go.
 */
export async function hitRateLimits(
	db: Db,
	keys: ReadonlyArray<{ key: string; limit: Limit }>,
	now = new Date()
): Promise<RateDecision> {
	for (const { key, limit } of keys) {
		const since = new Date(now.getTime() - limit.windowMinutes * 60_000).toISOString();
		const { count, oldest } = await db
			.selectFrom('rate_limit_hit')
			.select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('at').as('oldest')])
			.where('key', '=', key)
			.where('at', '>', since)
			.executeTakeFirstOrThrow();
		if (Number(count) >= limit.max) {
			const freesAt = Date.parse(String(oldest)) + limit.windowMinutes * 60_000;
			return {
				limited: true,
				retryAfterMinutes: Math.max(1, Math.ceil((freesAt - now.getTime()) / 60_000))
			};
		}
	}
	const at = now.toISOString();
	await db
		.insertInto('rate_limit_hit')
		.values(keys.map(({ key }) => ({ key, at })))
		.execute();
	await db
		.deleteFrom('rate_limit_hit')
		.where('at', '<', new Date(now.getTime() - 86_400_000).toISOString())
		.execute();
	return { limited: false };
}
