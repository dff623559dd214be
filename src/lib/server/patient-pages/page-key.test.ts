import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { northfieldWithBloodClots, publishBloodClots } from '../test-support/briefing-fixtures';
import { createOrganisation } from '../repositories/organisations';
import { openTestDatabase } from '../test-support/test-database';
import { KEPT_ROUTE, pageStamp, patientPageKey, type PageRequest } from './page-key';

let db: Db;
let orgId: string;
let briefingId: string;
const now = new Date('2026-03-10T09:00:00Z');

const publish = () => publishBloodClots(db, briefingId, { now, reviewBy: '2027-03-10' });

beforeEach(async () => {
	db = await openTestDatabase();
	({ orgId, briefingId } = await northfieldWithBloodClots(db, { now, reviewBy: '2027-03-10' }));
});
afterEach(async () => {
	await db.destroy();
});

const page = (search = '', changes: Partial<PageRequest> = {}): PageRequest => ({
	method: 'GET',
	routeId: KEPT_ROUTE,
	params: { organisation: 'northfield', slug: 'blood-clots' },
	url: new URL(`http://x/o/northfield/b/blood-clots${search}`),
	lang: 'en',
	...changes
});
const keyOf = (request = page(), at = now) => patientPageKey({ db, readDb: db }, request, at);

describe('patientPageKey', () => {
	it('is the same for the same page, and differs by address, language and options', async () => {
		const key = await keyOf();
		expect(key).toMatch(/^[\w-]{43}$/);
		expect(await keyOf()).toBe(key);
		const others = await Promise.all([
			keyOf(page('?lang=cy')),
			keyOf(page('?format=leaflet')),
			keyOf(page('', { lang: 'ar' })), // the browser's language, no ?lang
			keyOf(page('?lang=en&format=leaflet'))
		]);
		expect(new Set([key, ...others]).size).toBe(5);
	});

	it('is none for a page that carries anything of its own, or is not the kept page', async () => {
		const token = '0123456789abcdef0123456789abcdef';
		expect(await keyOf(page(`?t=${token}`))).toBeNull();
		expect(await keyOf(page(`?lang=en&t=${token}`))).toBeNull();
		expect(await keyOf(page('?lang=en&lang=cy'))).toBeNull();
		expect(await keyOf(page('?utm_source=poster'))).toBeNull();
		expect(await keyOf(page('', { method: 'POST' }))).toBeNull();
		expect(await keyOf(page('', { method: 'HEAD' }))).toBeNull();
		expect(await keyOf(page('', { routeId: '/(patient)/p/[token]' }))).toBeNull();
		expect(await keyOf(page('', { params: { organisation: 'northfield', slug: 'x' } }))).toBeNull();
	});

	it('changes at once when a new version is published, and is none once retired', async () => {
		const before = await keyOf();
		await db
			.updateTable('briefing_version')
			.set({ status: 'retired', retired_at: now.toISOString() })
			.where('briefing_id', '=', briefingId)
			.where('organisation_id', '=', orgId)
			.execute();
		expect(await keyOf()).toBeNull();
		await publish();
		const after = await keyOf();
		expect(after).not.toBeNull();
		expect(after).not.toBe(before);
	});

	it('changes with what the organisation shows, and is none while it is suspended', async () => {
		const keys = [await keyOf()];
		const change = async (set: Record<string, string | null>) => {
			await db.updateTable('organisation').set(set).where('id', '=', orgId).execute();
			keys.push(await keyOf());
		};
		await change({ name: 'Northfield Hospitals' });
		await change({ contact: 'Ward 7: 01234 567890' });
		await change({ default_languages: '["cy","en"]' });
		await change({ time_zone: 'Europe/Dublin' });
		expect(new Set(keys).size).toBe(5);
		await change({ suspended_at: now.toISOString() });
		expect(keys.at(-1)).toBeNull();
		await change({ suspended_at: null });
		expect(keys.at(-1)).toBe(keys[4]);
	});

	it('changes with the organisation’s day, which decides whether the review date has passed', async () => {
		// 23:30 UTC on 10 March is the 10th in London, the 11th in Auckland.
		const late = new Date('2026-03-10T23:30:00Z');
		expect(await keyOf(page(), late)).toBe(await keyOf());
		await db
			.updateTable('organisation')
			.set({ time_zone: 'Pacific/Auckland' })
			.where('id', '=', orgId)
			.execute();
		const auckland = await keyOf();
		expect(await keyOf(page(), late)).not.toBe(auckland);
	});
});

describe('pageStamp', () => {
	it('answers each page its own stamp from the query compiled once', async () => {
		const other = (await createOrganisation(db, { name: 'Southmoor', slug: 'southmoor' })).id;
		const first = await pageStamp(db, 'northfield', 'blood-clots');
		expect(first).toMatchObject({ organisation_id: orgId, briefing_id: briefingId });
		expect(await pageStamp(db, 'southmoor', 'blood-clots')).toBeUndefined();
		expect(await pageStamp(db, 'northfield', 'falls')).toBeUndefined();
		expect(await pageStamp(db, 'blood-clots', 'northfield')).toBeUndefined();
		expect(await pageStamp(db, 'northfield', 'blood-clots')).toEqual(first);
		expect(other).not.toBe(orgId);
	});
});
