import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseMs, inRequest } from '../operations/log';
import { openTestDatabase } from '../test-support/test-database';
import type { Db } from './database';

let db: Db;
beforeAll(async () => {
	db = await openTestDatabase();
});
afterAll(async () => {
	await db.destroy();
});

describe('a request’s database time', () => {
	it('notes each query made for the request, and none made outside one', async () => {
		const context = { requestId: 'r1', queries: [] as Array<[number, number]> };
		const read = () => db.selectFrom('organisation').select('id').execute();
		await read();
		const started = performance.now();
		await inRequest(
			'r1',
			async () => {
				await read();
				await Promise.all([read(), read()]);
			},
			context
		);
		const took = performance.now() - started;
		await read();
		expect(context.queries).toHaveLength(3);
		expect(databaseMs(context.queries)).toBeGreaterThan(0);
		expect(databaseMs(context.queries)).toBeLessThanOrEqual(took);
	});

	it('counts queries running at once once: the time any one was running', () => {
		expect(databaseMs([])).toBe(0);
		expect(databaseMs([[0, 4]])).toBe(4);
		// Two at once, one inside another, then one alone after a gap.
		expect(
			databaseMs([
				[10, 14],
				[0, 4],
				[2, 6],
				[3, 5]
			])
		).toBe(10);
	});
});
