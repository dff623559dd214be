import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { VariantOf } from '$lib/domain/briefing';
import type { Db } from '../db/database';
import {
	countBriefings,
	createBriefing,
	createVersion,
	listBriefings,
	publishedBriefingBySlug,
	type NewVersion
} from './briefings';
import { createOrganisation } from './organisations';
import { insertLead } from '../test-support/accounts';
import { bloodClotsLeaflet } from '../test-support/briefing-fixtures';
import { failInsertsInto, openTestDatabase } from '../test-support/test-database';

let db: Db;
let orgId: string;
let ownerId: string;
const now = new Date('2026-03-10T09:00:00Z');

beforeEach(async () => {
	db = await openTestDatabase();
	orgId = (await createOrganisation(db, { name: 'Northfield' })).id;
	ownerId = await insertLead(db, orgId, { at: now });
});
afterEach(async () => {
	await db.destroy();
});

const leaflet = bloodClotsLeaflet;

const faceToFace: VariantOf<'faceToFace'> = {
	format: 'faceToFace',
	language: 'en',
	translationChecked: false,
	title: 'Blood clots talk',
	talkingPoints: ['Explain stockings.'],
	thingsToShow: [],
	teachBackQuestions: [],
	minutes: 3,
	leaveBehind: []
};

const version = (briefingId: string, changes: Partial<NewVersion> = {}): NewVersion => ({
	briefingId,
	status: 'draft',
	reviewBy: '2027-03-10',
	evidenceLinks: ['https://www.nice.org.uk/guidance/ng89'],
	userTestingNote: 'Tested on Ward 12.',
	approvedBy: null,
	isExample: false,
	variants: [leaflet()],
	...changes
});

const briefing = (slug: string, topic: string) =>
	createBriefing(db, { organisationId: orgId, slug, topic, ownerId });

async function rowCounts() {
	const [versions, variants] = await Promise.all(
		(['briefing_version', 'briefing_variant'] as const).map(async (table) => {
			const { n } = await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			return Number(n);
		})
	);
	return { versions, variants };
}

describe('createVersion', () => {
	it('numbers the versions of a briefing from 1', async () => {
		const { id } = await briefing('blood-clots', 'Preventing blood clots');
		const first = await createVersion(db, version(id), now);
		const second = await createVersion(db, version(id), now);
		const rows = await db
			.selectFrom('briefing_version')
			.select(['id', 'number'])
			.orderBy('number')
			.execute();
		expect(rows).toEqual([
			{ id: first, number: 1 },
			{ id: second, number: 2 }
		]);
	});

	it('stores each variant as its own row, and the publication time of a published one', async () => {
		const { id } = await briefing('blood-clots', 'Preventing blood clots');
		const approvedBy = { name: 'Dr Rhys Reviewer', at: now.toISOString() };
		const versionId = await createVersion(
			db,
			version(id, { status: 'published', approvedBy, variants: [leaflet(), faceToFace] }),
			now
		);
		const row = await db
			.selectFrom('briefing_version')
			.select(['status', 'published_at', 'approved_by_name', 'evidence_links'])
			.where('id', '=', versionId)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			status: 'published',
			published_at: now.toISOString(),
			approved_by_name: 'Dr Rhys Reviewer',
			evidence_links: JSON.stringify(['https://www.nice.org.uk/guidance/ng89'])
		});
		expect(await rowCounts()).toEqual({ versions: 1, variants: 2 });
		expect((await publishedBriefingBySlug(db, orgId, 'blood-clots'))?.version.variants).toEqual([
			faceToFace,
			leaflet()
		]);
	});

	it('refuses invalid variant content and writes nothing', async () => {
		const { id } = await briefing('blood-clots', 'Preventing blood clots');
		await createVersion(db, version(id), now);
		const before = await rowCounts();

		const untitled = { ...leaflet('cy'), title: ' ' };
		const offSite: VariantOf<'easyRead'> = {
			format: 'easyRead',
			language: 'en',
			translationChecked: false,
			title: 'Easy read',
			rows: [
				{
					picture: { kind: 'upload', path: 'https://evil.example/x.png' },
					alt: 'A picture',
					sentence: 'Hello.'
				}
			]
		};
		await expect(
			createVersion(db, version(id, { variants: [leaflet(), untitled] }), now)
		).rejects.toThrow(ZodError);
		await expect(
			createVersion(db, version(id, { variants: [leaflet(), offSite] }), now)
		).rejects.toThrow(/notLocalMedia/);
		await expect(
			createVersion(db, version(id, { variants: [leaflet(), leaflet()] }), now)
		).rejects.toThrow(/duplicateVariant/);
		expect(await rowCounts()).toEqual(before);
	});

	it('leaves no half-written version when storing its variants fails', async () => {
		const { id } = await briefing('blood-clots', 'Preventing blood clots');
		// Stands in for a failure part-way through, e.g. a full disk.
		await failInsertsInto(db, 'briefing_variant', 'variant write failed');
		await expect(
			createVersion(db, version(id, { variants: [leaflet(), faceToFace] }), now)
		).rejects.toThrow('variant write failed');
		expect(await rowCounts()).toEqual({ versions: 0, variants: 0 });
	});

	it('refuses a version of a briefing that does not exist', async () => {
		await expect(
			createVersion(db, version('00000000-0000-4000-8000-000000000000'), now)
		).rejects.toThrow(/no result/i);
		expect(await rowCounts()).toEqual({ versions: 0, variants: 0 });
	});
});

describe('listBriefings', () => {
	it('is empty for an organisation with no briefings', async () => {
		expect(await listBriefings(db, orgId)).toEqual([]);
	});

	it('gives each briefing its latest and published versions, by topic', async () => {
		const clots = await briefing('blood-clots', 'Preventing blood clots');
		const falls = await briefing('call-dont-fall', "Call, don't fall");
		const approvedBy = { name: 'Dr Rhys Reviewer', at: now.toISOString() };
		const published = await createVersion(
			db,
			version(clots.id, {
				status: 'published',
				approvedBy,
				variants: [leaflet(), leaflet('cy'), faceToFace]
			}),
			now
		);
		const draft = await createVersion(
			db,
			version(clots.id, { reviewBy: '2028-01-01', isExample: true, variants: [leaflet()] }),
			now
		);
		const inReview = await createVersion(
			db,
			version(falls.id, { status: 'inReview', variants: [faceToFace] }),
			now
		);

		expect(await listBriefings(db, orgId)).toEqual([
			{
				id: falls.id,
				slug: 'call-dont-fall',
				topic: "Call, don't fall",
				latestVersion: {
					id: inReview,
					number: 1,
					status: 'inReview',
					returnedAt: null,
					reviewBy: '2027-03-10',
					isExample: false
				},
				published: null,
				variants: [{ format: 'faceToFace', language: 'en' }]
			},
			{
				id: clots.id,
				slug: 'blood-clots',
				topic: 'Preventing blood clots',
				latestVersion: {
					id: draft,
					number: 2,
					status: 'draft',
					returnedAt: null,
					reviewBy: '2028-01-01',
					isExample: true
				},
				published: { id: published, number: 1, reviewBy: '2027-03-10' },
				// The published version's, not the draft's.
				variants: [
					{ format: 'faceToFace', language: 'en' },
					{ format: 'leaflet', language: 'cy' },
					{ format: 'leaflet', language: 'en' }
				]
			}
		]);
	});

	it('lists a briefing that has no version yet', async () => {
		const { id } = await briefing('sepsis', 'Sepsis: when to get help');
		expect(await listBriefings(db, orgId)).toEqual([
			{
				id,
				slug: 'sepsis',
				topic: 'Sepsis: when to get help',
				latestVersion: null,
				published: null,
				variants: []
			}
		]);
	});

	it("leaves out other organisations' briefings", async () => {
		const otherOrg = await createOrganisation(db, { name: 'Southfield' });
		await createBriefing(db, {
			organisationId: otherOrg.id,
			slug: 'theirs',
			topic: 'Theirs',
			ownerId
		});
		await briefing('ours', 'Ours');
		expect((await listBriefings(db, orgId)).map((b) => b.slug)).toEqual(['ours']);
		expect(await countBriefings(db, orgId)).toBe(1);
	});

	it('gives one page of briefings by topic, each page different, all of them once', async () => {
		for (const n of [5, 3, 1, 4, 2]) await briefing(`topic-${n}`, `Topic ${n}`);
		const page = (offset: number) =>
			listBriefings(db, orgId, { limit: 2, offset }).then((l) => l.map((b) => b.topic));
		expect(await page(0)).toEqual(['Topic 1', 'Topic 2']);
		expect(await page(2)).toEqual(['Topic 3', 'Topic 4']);
		expect(await page(4)).toEqual(['Topic 5']);
		expect(await countBriefings(db, orgId)).toBe(5);
	});
});

describe('publishedBriefingBySlug', () => {
	it('is null for an unknown slug or a briefing with nothing published', async () => {
		const { id } = await briefing('sepsis', 'Sepsis: when to get help');
		await createVersion(db, version(id, { status: 'inReview' }), now);
		expect(await publishedBriefingBySlug(db, orgId, 'sepsis')).toBeNull();
		expect(await publishedBriefingBySlug(db, orgId, 'no-such-briefing')).toBeNull();
	});

	it('dates the last review by the reviewer’s sign-off, else by publication', async () => {
		const signedOff = await briefing('sepsis', 'Sepsis: when to get help');
		const approvedBy = { name: 'Dr Rhys Reviewer', at: '2026-02-20T16:30:00.000Z' };
		await createVersion(db, version(signedOff.id, { status: 'published', approvedBy }), now);
		expect((await publishedBriefingBySlug(db, orgId, 'sepsis'))?.version).toMatchObject({
			reviewBy: '2027-03-10',
			lastReviewed: '2026-02-20T16:30:00.000Z'
		});
		const unsigned = await briefing('falls', 'Call, don’t fall');
		await createVersion(db, version(unsigned.id, { status: 'published' }), now);
		expect((await publishedBriefingBySlug(db, orgId, 'falls'))?.version.lastReviewed).toBe(
			now.toISOString()
		);
	});
});
