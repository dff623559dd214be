import { DEFAULT_TIME_ZONE, localDay } from '$lib/domain/local-time';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it } from 'vitest';
import { fhirBundleChunks } from '$lib/domain/measurement/fhir';
import type { StaffAccount } from '$lib/domain/staff';
import { fhirR4Problems } from '../../../../tests/support/fhir-r4';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import { deliveryPagesForExport, fhirExportContext } from './fhir-export';

// Seeding hashes a password per demo account with argon2: about a second in all.
const SLOW = 20_000;
const now = new Date('2026-11-26T09:00:00Z');

let db: Db;
let lead: StaffAccount;
const ids: string[] = [];

async function collect(range: { from?: string; to?: string }, pageSize: number) {
	const pages = [];
	for await (const page of deliveryPagesForExport(db, lead.organisationId, range, pageSize))
		pages.push(page);
	return pages;
}

beforeAll(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	lead = await demo.account('lead@demo.example');
	const nurse = await demo.account('ward7@demo.example');
	const ward = await demo.wardId('Ward 7');
	const group = await demo.firstGroupId();
	const version = await db
		.selectFrom('briefing_version')
		.select(['briefing_id', 'id'])
		.where('status', '=', 'published')
		.executeTakeFirstOrThrow();
	// Five records in the same second (ties that paging must not drop or repeat), one undone,
	// one a day later and one a month earlier.
	const times = [
		...Array.from({ length: 5 }, () => '2026-11-24T10:00:00.000Z'),
		'2026-11-25T23:59:59.999Z',
		'2026-10-24T10:00:00.000Z'
	];
	for (const [i, at] of times.entries()) {
		const id = uuidv7();
		ids.push(id);
		await db
			.insertInto('delivery_record')
			.values({
				id,
				organisation_id: lead.organisationId,
				ward_id: ward,
				patient_group_id: group,
				briefing_id: version.briefing_id,
				version_id: version.id,
				format: 'leaflet',
				language: 'en',
				outcome: i === 1 ? 'declined' : 'delivered',
				talked_through: 1,
				interpreter_used: 0,
				carer_present: 0,
				teach_back: 'confirmed',
				recorded_at: at,
				recorded_day: localDay(new Date(at), DEFAULT_TIME_ZONE),
				received_at: at,
				recorded_by: nurse.id,
				voided_at: i === 2 ? at : null,
				voided_by: i === 2 ? nurse.id : null
			})
			.execute();
	}
}, SLOW);

describe('FHIR export pages', () => {
	it('reads every record once, oldest first, undone ones included, whatever the page size', async () => {
		const all = (await collect({}, 1000)).flat();
		expect(all.map((d) => d.id).sort()).toEqual([...ids].sort());
		expect(all.map((d) => d.recordedAt)).toEqual(all.map((d) => d.recordedAt).sort());
		expect(all.filter((d) => d.voidedAt)).toHaveLength(1);
		for (const size of [1, 2, 3]) {
			const pages = await collect({}, size);
			expect(pages.every((p) => p.length <= size)).toBe(true);
			expect(pages.flat()).toEqual(all);
		}
	});

	it('keeps to a range of days, both ends included', async () => {
		const days = async (range: { from?: string; to?: string }) =>
			(await collect(range, 2)).flat().map((d) => d.recordedAt.slice(0, 10));
		expect(await days({ from: '2026-11-24', to: '2026-11-24' })).toEqual(
			Array(5).fill('2026-11-24')
		);
		expect(await days({ from: '2026-11-25' })).toEqual(['2026-11-25']);
		expect(await days({ to: '2026-10-31' })).toEqual(['2026-10-24']);
		expect(await days({ from: '2026-12-01' })).toEqual([]);
	});

	it('streams a Bundle of the demo organisation that is valid FHIR R4', async () => {
		const ctx = await fhirExportContext(
			db,
			lead.organisationId,
			'https://toolkit.example',
			'https://toolkit.example/fhir'
		);
		expect(ctx.wards.map((w) => w.name)).toContain('Ward 7');
		let text = '';
		const pages = deliveryPagesForExport(db, lead.organisationId, {}, 3);
		for await (const chunk of fhirBundleChunks(pages, ctx, now)) text += chunk;
		const bundle = JSON.parse(text);
		expect(fhirR4Problems(bundle)).toEqual([]);
		const statuses = bundle.entry
			.map((e: { resource: { status?: string; resourceType: string } }) => e.resource)
			.filter((r: { resourceType: string }) => r.resourceType === 'Communication')
			.map((r: { status: string }) => r.status);
		expect(statuses.sort()).toEqual([
			'completed',
			'completed',
			'completed',
			'completed',
			'completed',
			'entered-in-error',
			'not-done'
		]);
	});
});
