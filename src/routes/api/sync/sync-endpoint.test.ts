import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '$lib/server/db/database';
import { demoWithRetiredVersion } from '$lib/server/test-support/held-records';
import {
	recordChange,
	wardRecord,
	type WardCatalogue
} from '$lib/server/test-support/ward-records';
import { POST } from './+server';

/*
 * POST /api/sync says in its answer's X-Sync-Understands header that it answered under the held
 * rule, to a request that said it understands `held`: a tablet keeps that with each refusal, and
 * sends a record refused by a server that did not say so (one rolled back to a release before
 * held records) once more when one that does answers (OutboxRepository.sendHoldableAgain).
 */
describe('POST /api/sync', () => {
	let db: Db;
	let nurse: StaffAccount;
	let catalogue: WardCatalogue;
	const now = new Date();

	beforeAll(async () => {
		({ db, nurse, catalogue } = await demoWithRetiredVersion(
			now,
			new Date(now.getTime() - 60_000)
		));
	}, 20_000);
	afterAll(() => db.destroy());

	const sync = (headers: Record<string, string>) => {
		const given = wardRecord(catalogue, new Date(now.getTime() - 30_000));
		const request = new Request('https://toolkit.example/api/sync', {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify({ changes: [recordChange(given)] })
		});
		const event = { locals: { user: nurse, app: { db } }, request };
		return POST(event as unknown as Parameters<typeof POST>[0]);
	};

	it('answers a tablet that understands held with held, and says so in its header', async () => {
		const response = await sync({ 'X-Sync-Understands': 'held' });
		expect(response.headers.get('X-Sync-Understands')).toBe('held');
		expect((await response.json()).results).toMatchObject([
			{ status: 'held', reason: 'versionNotPublished' }
		]);
	});

	it('answers an older app refused, as before, and says nothing', async () => {
		const response = await sync({});
		expect(response.headers.get('X-Sync-Understands')).toBeNull();
		expect((await response.json()).results).toMatchObject([
			{ status: 'refused', reason: 'versionNotPublished' }
		]);
	});
});
