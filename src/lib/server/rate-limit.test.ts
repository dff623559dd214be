import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from './db/database';
import { hitRateLimits, type Limit } from './rate-limit';

const hour: Limit = { max: 30, windowMinutes: 60 };
const at = (time: string) => new Date(`2026-03-10T${time}Z`);

let db: Db;
beforeEach(async () => {
	db = openDatabase(':memory:');
	await migrate(db);
});
afterEach(() => db.destroy());

const hit = (key: string, when: Date, limit = hour) => hitRateLimits(db, [{ key, limit }], when);
async function hits(n: number, key: string, when: Date, limit = hour) {
	const out = [];
	for (let i = 0; i < n; i++) out.push(await hit(key, when, limit));
	return out;
}
const rows = () =>
	db.selectFrom('rate_limit_window').select(['key', 'window_start', 'count']).execute();

describe('hitRateLimits', () => {
	it('allows max hits in a window, then refuses until the window ends, counting no refusal', async () => {
		expect((await hits(30, 'a', at('10:20:00'))).every((d) => !d.limited)).toBe(true);
		expect(await hit('a', at('10:20:00'))).toEqual({ limited: true, retryAfterMinutes: 40 });
		expect(await hit('a', at('10:59:30'))).toEqual({ limited: true, retryAfterMinutes: 1 });
		expect(await hit('b', at('10:20:00'))).toEqual({ limited: false });
		expect(await rows()).toEqual([
			{ key: 'a', window_start: '2026-03-10T10:00:00.000Z', count: 30 },
			{ key: 'b', window_start: '2026-03-10T10:00:00.000Z', count: 1 }
		]);
	});

	it('weighs the previous window by how much of it is still within the last hour', async () => {
		await hits(20, 'a', at('10:50:00'));
		// 11:15: the previous hour weighs 20 × 45/60 = 15, so 15 more fit, not 30.
		const quarterPast = await hits(16, 'a', at('11:15:00'));
		expect(quarterPast.filter((d) => !d.limited)).toHaveLength(15);
		expect(quarterPast[15]).toEqual({ limited: true, retryAfterMinutes: 1 });
		// 11:30: it weighs 10, so 20 fit in the hour: 5 more.
		const halfPast = await hits(6, 'a', at('11:30:00'));
		expect(halfPast.filter((d) => !d.limited)).toHaveLength(5);
		// Full now: free when the previous hour weighs less than 10, just after 11:30.
		expect(halfPast[5]).toEqual({ limited: true, retryAfterMinutes: 1 });
	});

	it('refuses a burst across a window boundary that a fixed window would allow twice', async () => {
		expect((await hits(30, 'a', at('10:59:00'))).every((d) => !d.limited)).toBe(true);
		// A fixed window would start afresh at 11:00; here the last hour still holds 30 hits.
		expect(await hit('a', at('11:00:00'))).toEqual({ limited: true, retryAfterMinutes: 1 });
		expect(await hit('a', at('11:30:00'))).toEqual({ limited: false });
	});

	it('takes a hit back from every key when one key refuses it', async () => {
		const tight: Limit = { max: 2, windowMinutes: 10 };
		const keys = (n: number) => [
			{ key: 'address', limit: hour },
			{ key: `token:${n}`, limit: tight }
		];
		for (const n of [1, 1])
			expect(await hitRateLimits(db, keys(n), at('10:00:00'))).toEqual({
				limited: false
			});
		expect(await hitRateLimits(db, keys(1), at('10:01:00'))).toEqual({
			limited: true,
			retryAfterMinutes: 9
		});
		expect(await rows()).toEqual([
			{ key: 'address', window_start: '2026-03-10T10:00:00.000Z', count: 2 },
			{ key: 'token:1', window_start: '2026-03-10T10:00:00.000Z', count: 2 }
		]);
	});

	it('sweeps windows that no longer weigh anything', async () => {
		await hit('old', at('08:10:00'));
		await hit('recent', at('09:10:00'));
		await hit('now', at('10:00:00'));
		expect((await rows()).map((r) => r.key).sort()).toEqual(['now', 'recent']);
	});
});

describe('hitRateLimits on two app servers sharing one database', () => {
	let dir: string;
	let servers: Db[];
	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'rate-limit-'));
		const file = join(dir, 'shared.sqlite');
		servers = [openDatabase(file), openDatabase(file)];
		await migrate(servers[0] as Db);
	});
	afterEach(async () => {
		await Promise.all(servers.map((s) => s.destroy()));
		rmSync(dir, { recursive: true, force: true });
	});

	it('lets exactly max hits through when both take a flood at once', async () => {
		const limit: Limit = { max: 25, windowMinutes: 60 };
		// Sixty hits in flight at once, half through each connection: a limiter that counted
		// and then inserted would let more through, its reads all running before its writes.
		const when = at('10:00:00');
		const decisions = await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				hitRateLimits(servers[i % 2] as Db, [{ key: 'flood', limit }], when)
			)
		);
		expect(decisions.filter((d) => !d.limited)).toHaveLength(25);
		const [row] = await (servers[1] as Db)
			.selectFrom('rate_limit_window')
			.select('count')
			.execute();
		expect(row?.count).toBe(25);
	});
});
