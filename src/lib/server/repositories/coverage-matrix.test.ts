import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import { loadCoverage } from './coverage-matrix';
import { setPatientGroupArchived } from './patient-groups';

let db: Db;
let lead: StaffAccount;

beforeEach(async () => {
	const demo = await openDemoDatabase(new Date('2026-11-26T09:00:00Z'));
	db = demo.db;
	lead = await demo.account('lead@demo.example');
});
afterEach(async () => {
	await db.destroy();
});

describe('loadCoverage', () => {
	it('reads published versions only, and lists the demo’s gaps', async () => {
		const { matrix, gaps } = await loadCoverage(db, lead.organisationId);
		expect(matrix).toHaveLength(10);
		const goingHome = matrix.find((m) => m.group.name.startsWith('Going home'));
		const sepsis = goingHome?.rows.find((r) => r.topic.startsWith('Sepsis'));
		// In review: no published version, so no languages in any format.
		expect(sepsis?.published).toBe(false);
		expect(sepsis?.cells.every((c) => c.languages.length === 0)).toBe(true);
		expect(gaps).toContainEqual({
			kind: 'notPublished',
			group: goingHome?.group.name,
			briefing: 'Sepsis: when to get help'
		});
		const general = matrix.find((m) => m.group.name === 'General adult inpatients');
		const video = general?.rows[0]?.cells.find((c) => c.format === 'video');
		expect(video).toMatchObject({ rank: 1, languages: ['ar', 'cy', 'en'], missing: [] });
	});

	it('gives each briefing’s published review-by date, and none for one not published', async () => {
		const { reviewBy } = await loadCoverage(db, lead.organisationId);
		const topics = await db
			.selectFrom('briefing')
			.select(['id', 'topic'])
			.where('organisation_id', '=', lead.organisationId)
			.execute();
		const byTopic = Object.fromEntries(topics.map((b) => [b.topic, reviewBy[b.id] ?? null]));
		expect(byTopic).toEqual({
			'Your safety on our ward': '2027-11-26',
			"Call, don't fall": '2026-12-26',
			'Preventing blood clots': '2028-11-26',
			'Sepsis: when to get help': null // in review
		});
	});

	it('leaves archived groups out', async () => {
		const group = (
			await db
				.selectFrom('patient_group')
				.select('id')
				.where('name', '=', 'General adult inpatients')
				.executeTakeFirstOrThrow()
		).id;
		await setPatientGroupArchived(db, lead, group, true);
		const { matrix } = await loadCoverage(db, lead.organisationId);
		expect(matrix.map((m) => m.group.id)).not.toContain(group);
		expect(matrix).toHaveLength(9);
	});
});
