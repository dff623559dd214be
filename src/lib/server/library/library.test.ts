import { sql } from 'kysely';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryFilter } from '$lib/domain/library/library';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { fileMediaStorage, type MediaStorage } from '../media/storage';
import { createVersion } from '../repositories/briefings';
import { createOrganisation } from '../repositories/organisations';
import { createStaffAccount } from '../repositories/staff-accounts';
import { openDemoDatabase } from '../test-support/demo-database';
import {
	adoptionChanges,
	adoptionOfBriefing,
	adoptItem,
	listAdoptions,
	markChangesSeen
} from './adopt';
import { browseLibrary, getItem } from './browse';
import { completeWeeksFrom, lessonsFor, removeLesson, shareLesson } from './lessons';
import { shareBriefing, withdrawItem } from './share';
import { readVersion } from './versions';

const now = new Date('2026-11-26T09:00:00Z');
let db: Db;
let lead: StaffAccount;
let otherLead: StaffAccount;
let thirdLead: StaffAccount;
let uploadsDir: string;
let media: MediaStorage;

const briefingId = async (slug: string) =>
	(
		await db
			.selectFrom('briefing')
			.select('id')
			.where('slug', '=', slug)
			.where('organisation_id', '=', lead.organisationId)
			.executeTakeFirstOrThrow()
	).id;

const form = (id: string) => ({
	briefingId: id,
	licence: 'OGL-UK-3.0' as const,
	attribution: '© Northfield Hospitals',
	evidenceNote: 'Based on the national briefing evaluation.',
	userTestingNote: 'Tested with 12 patients on Elm Ward.',
	needs: ['largePrint' as const]
});
const everything = LibraryFilter.parse({});

async function leadOf(name: string, email: string) {
	const org = await createOrganisation(db, { name });
	return createStaffAccount(db, {
		organisationId: org.id,
		email,
		displayName: name,
		role: 'engagementLead',
		password: 'a long enough password'
	});
}

beforeEach(async () => {
	uploadsDir = await mkdtemp(join(tmpdir(), 'library-uploads-'));
	media = fileMediaStorage(uploadsDir);
	const demo = await openDemoDatabase(now);
	db = demo.db;
	lead = await demo.account('lead@demo.example');
	otherLead = await leadOf('Eastbrook Hospitals', 'lead@east.example');
	thirdLead = await leadOf('Westdale Hospitals', 'lead@west.example');
});
afterEach(async () => {
	await rm(uploadsDir, { recursive: true, force: true });
	await db.destroy();
});

/** The seed shares "Call, don't fall" already; these tests share another of Northfield's. */
async function shared(slug = 'preventing-blood-clots') {
	const result = await shareBriefing(db, lead, form(await briefingId(slug)), now);
	if (!result.ok) throw new Error(result.reason);
	return result.itemId;
}

describe('sharing with the library', () => {
	it('shares a published version with every organisation; only the author sees the adoptions', async () => {
		const itemId = await shared();
		const seen = (await browseLibrary(db, otherLead.organisationId, everything, now)).find(
			(i) => i.id === itemId
		);
		expect(seen).toMatchObject({
			id: itemId,
			topic: 'Preventing blood clots',
			sourceOrganisation: 'Northfield Hospitals NHS Trust (demo)',
			licence: 'OGL-UK-3.0',
			needs: ['largePrint'],
			number: 1,
			own: false,
			adoptions: null
		});
		expect(seen?.formats.length).toBeGreaterThan(0);
		expect(seen?.languages).toContain('en');
		await adoptItem(db, media, otherLead, itemId, now);
		await adoptItem(db, media, thirdLead, itemId, now);
		const own = (await browseLibrary(db, lead.organisationId, everything, now)).find(
			(i) => i.id === itemId
		);
		expect(own).toMatchObject({ own: true, adoptions: 2 });
	});

	it('refuses a version that is not published, and another organisation’s briefing', async () => {
		// The demo's sepsis briefing is in review.
		expect(
			await shareBriefing(db, lead, form(await briefingId('sepsis-when-to-get-help')))
		).toEqual({
			ok: false,
			reason: 'notPublished'
		});
		expect(await shareBriefing(db, otherLead, form(await briefingId('call-dont-fall')))).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(
			(await browseLibrary(db, otherLead.organisationId, everything, now)).map((i) => i.topic)
		).toEqual(["Call, don't fall"]);
	});

	it('adds a library version only when the published version changed', async () => {
		// The seed shared "Call, don't fall" (version 1): sharing it again changes the licence only.
		const id = await briefingId('call-dont-fall');
		const again = await shareBriefing(db, lead, { ...form(id), licence: 'CC-BY-SA-4.0' }, now);
		expect(again).toMatchObject({ ok: true, number: 1 });
		const item = (await browseLibrary(db, lead.organisationId, everything, now)).find(
			(i) => i.id === (again.ok ? again.itemId : '')
		);
		expect(item?.licence).toBe('CC-BY-SA-4.0');
	});
});

describe('adopting', () => {
	it('makes a draft in the adopter’s organisation, never published, with its provenance', async () => {
		const itemId = await shared();
		const adopted = await adoptItem(db, media, otherLead, itemId, now);
		if (!adopted.ok) throw new Error(adopted.reason);
		const versions = await db
			.selectFrom('briefing_version')
			.select(['status', 'organisation_id'])
			.where('briefing_id', '=', adopted.briefingId)
			.where('organisation_id', '=', otherLead.organisationId)
			.execute();
		expect(versions).toEqual([{ status: 'draft', organisation_id: otherLead.organisationId }]);
		expect(
			await adoptionOfBriefing(db, otherLead.organisationId, adopted.briefingId)
		).toMatchObject({
			sourceOrganisation: 'Northfield Hospitals NHS Trust (demo)',
			sourceVersion: 1,
			version: 1,
			latest: 1
		});
		expect(await adoptItem(db, media, otherLead, itemId, now)).toEqual({
			ok: false,
			reason: 'alreadyAdopted'
		});
		expect(await adoptItem(db, media, lead, itemId, now)).toEqual({ ok: false, reason: 'own' });
	});

	it('cannot adopt a withdrawn item; adopters keep their briefings and read why', async () => {
		const itemId = await shared();
		const adopted = await adoptItem(db, media, otherLead, itemId, now);
		expect(await withdrawItem(db, otherLead, itemId, now)).toBe(false); // not the author's
		expect(await withdrawItem(db, lead, itemId, now)).toBe(true);
		expect(await adoptItem(db, media, thirdLead, itemId, now)).toEqual({
			ok: false,
			reason: 'withdrawn'
		});
		expect(
			(await browseLibrary(db, thirdLead.organisationId, everything, now)).map((i) => i.id)
		).not.toContain(itemId);
		expect(await getItem(db, thirdLead.organisationId, itemId)).toBeNull();
		expect(await getItem(db, otherLead.organisationId, itemId)).toMatchObject({
			withdrawn: 'author'
		});
		expect(adopted.ok && (await listAdoptions(db, otherLead.organisationId))).toMatchObject([
			{ itemId, withdrawn: 'author' }
		]);
	});

	it('never shows one organisation another’s adoption', async () => {
		const itemId = await shared();
		const adopted = await adoptItem(db, media, otherLead, itemId, now);
		if (!adopted.ok) throw new Error(adopted.reason);
		expect(await adoptionOfBriefing(db, thirdLead.organisationId, adopted.briefingId)).toBeNull();
		expect(await adoptionChanges(db, thirdLead.organisationId, itemId, now)).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(await listAdoptions(db, thirdLead.organisationId)).toEqual([]);
		expect(await markChangesSeen(db, thirdLead.organisationId, itemId)).toBe(false);
	});

	it('tells the adopter of a new version and shows what changed since theirs', async () => {
		const itemId = await shared();
		const adopted = await adoptItem(db, media, otherLead, itemId, now);
		if (!adopted.ok) throw new Error(adopted.reason);
		// Northfield publishes version 2 with one sentence changed, and shares it.
		const id = await briefingId('preventing-blood-clots');
		const v1 = await readVersion(db, itemId, 1);
		if (!v1.ok) throw new Error(v1.reason);
		await db
			.updateTable('briefing_version')
			.set({ status: 'retired' })
			.where('briefing_id', '=', id)
			.where('organisation_id', '=', lead.organisationId)
			.execute();
		const variants = v1.content.variants.map((v) =>
			v.format === 'leaflet' ? { ...v, title: `${v.title} tonight` } : v
		);
		await createVersion(db, {
			briefingId: id,
			status: 'published',
			reviewBy: v1.content.reviewBy,
			evidenceLinks: v1.content.evidenceLinks,
			userTestingNote: v1.content.userTestingNote,
			approvedBy: { name: 'Dr Rhys Reviewer', at: now.toISOString() },
			isExample: true,
			variants
		});
		expect(await shareBriefing(db, lead, form(id), now)).toMatchObject({ ok: true, number: 2 });
		const changes = await adoptionChanges(db, otherLead.organisationId, itemId, now);
		expect(changes).toMatchObject({
			ok: true,
			adoption: { version: 1, latest: 2, latestSourceVersion: 2, seen: 1 },
			changes: [{ format: 'leaflet', language: 'en', change: 'changed' }]
		});
		expect(JSON.stringify(changes)).toContain('tonight');
		expect(await markChangesSeen(db, otherLead.organisationId, itemId)).toBe(true);
		expect(await listAdoptions(db, otherLead.organisationId)).toMatchObject([{ seen: 2 }]);
	});
});

describe('the fingerprint', () => {
	it('withdraws an item whose stored content no longer matches, and serves none of it', async () => {
		const itemId = await shared();
		await db
			.updateTable('library_item_version')
			.set({ content: sql<string>`replace(content, '999', '998')` })
			.where('library_item_id', '=', itemId)
			.execute();
		expect(await adoptItem(db, media, otherLead, itemId, now)).toEqual({
			ok: false,
			reason: 'fingerprint'
		});
		expect(await readVersion(db, itemId)).toEqual({ ok: false, reason: 'fingerprint' });
		expect(await getItem(db, lead.organisationId, itemId)).toMatchObject({
			withdrawn: 'fingerprint'
		});
		expect(
			(await browseLibrary(db, otherLead.organisationId, everything, now)).map((i) => i.id)
		).not.toContain(itemId);
		expect(await db.selectFrom('library_adoption').selectAll().execute()).toEqual([]);
	});
});

describe('lessons', () => {
	it('attach only the organisation’s own annotation; others see small counts withheld', async () => {
		const itemId = await shared();
		const annotation = {
			id: crypto.randomUUID(),
			on_date: '2026-09-14',
			text: 'Card given with the film',
			ward_id: null,
			created_by: lead.id,
			created_at: now.toISOString()
		};
		await db
			.insertInto('measure_annotation')
			.values({ ...annotation, organisation_id: lead.organisationId })
			.execute();
		const lesson = {
			annotationId: annotation.id,
			happened: 'More patients were talked through.',
			measure: 'talkedThrough' as const,
			weeks: 8
		};
		expect(await shareLesson(db, otherLead, itemId, lesson, now)).toEqual({
			ok: false,
			reason: 'unknownAnnotation'
		});
		expect(await shareLesson(db, lead, itemId, lesson, now)).toEqual({ ok: true });
		expect(await shareLesson(db, lead, itemId, lesson, now)).toEqual({
			ok: false,
			reason: 'alreadyShared'
		});
		// The demo has no history here: set figures of 3 of 40 before and 30 of 41 after.
		await db
			.updateTable('library_lesson')
			.set({
				before_numerator: 3,
				before_denominator: 40,
				after_numerator: 30,
				after_denominator: 41
			})
			.where('organisation_id', '=', lead.organisationId)
			.execute();
		const [elsewhere] = await lessonsFor(db, otherLead.organisationId, itemId);
		expect(elsewhere).toMatchObject({
			tried: 'Card given with the film',
			own: false,
			before: { numerator: '[c]', denominator: 40, percent: null },
			after: { numerator: 30, denominator: 41, percent: 73 }
		});
		const [own] = await lessonsFor(db, lead.organisationId, itemId);
		expect(own?.before).toEqual({ numerator: 3, denominator: 40, percent: 8 });

		// Only the organisation that shared it may take it back; then it is gone for everyone.
		expect(await removeLesson(db, otherLead, own!.id, now)).toBe(false);
		expect(await lessonsFor(db, otherLead.organisationId, itemId)).toHaveLength(1);
		expect(await removeLesson(db, lead, own!.id, now)).toBe(true);
		expect(await lessonsFor(db, otherLead.organisationId, itemId)).toEqual([]);
		expect(await removeLesson(db, lead, own!.id, now)).toBe(false);
		const audit = await db
			.selectFrom('audit_event')
			.select(['action', 'subject_id'])
			.where('organisation_id', '=', lead.organisationId)
			.where('action', '=', 'library.lessonRemoved')
			.execute();
		expect(audit).toEqual([{ action: 'library.lessonRemoved', subject_id: own!.id }]);
		// Shared again later, as a new lesson.
		expect(await shareLesson(db, lead, itemId, lesson, now)).toEqual({ ok: true });
	});
});

describe('a lesson’s figures', () => {
	it('are shared once per note and measure, and only once the weeks after the note have ended', async () => {
		const [first, second] = [await shared(), await shared('call-dont-fall')];
		const note = (on_date: string) => ({
			id: crypto.randomUUID(),
			organisation_id: lead.organisationId,
			on_date,
			text: `Tried ${on_date}`,
			ward_id: null,
			created_by: lead.id,
			created_at: now.toISOString()
		});
		// Today is Thursday 26 November: the week of 2 November has three whole weeks after it.
		const recent = note('2026-11-04');
		const older = note('2026-08-03');
		await db.insertInto('measure_annotation').values([recent, older]).execute();
		const lesson = (annotationId: string, weeks: number, measure = 'talkedThrough' as const) => ({
			annotationId,
			happened: 'More patients were talked through.',
			measure,
			weeks
		});
		expect(await shareLesson(db, lead, first, lesson(recent.id, 4), now)).toEqual({
			ok: false,
			reason: 'tooSoon'
		});
		expect(await shareLesson(db, lead, first, lesson(recent.id, 3), now)).toEqual({ ok: true });

		// The same note and measure over 8 weeks, then 7 with another briefing, would give the
		// eighth week by subtraction.
		expect(await shareLesson(db, lead, first, lesson(older.id, 8), now)).toEqual({ ok: true });
		expect(await shareLesson(db, lead, second, lesson(older.id, 7), now)).toEqual({
			ok: false,
			reason: 'measureShared'
		});
		expect(
			await shareLesson(db, lead, second, { ...lesson(older.id, 7), measure: 'teachBack' }, now)
		).toEqual({ ok: true });
	});

	it('count the whole weeks ended since the note’s week', () => {
		expect(completeWeeksFrom('2026-11-04', '2026-11-26')).toBe(3);
		expect(completeWeeksFrom('2026-11-23', '2026-11-26')).toBe(0);
		expect(completeWeeksFrom('2026-11-22', '2026-11-23')).toBe(1);
		// Across the clocks going back (25 October): still whole weeks.
		expect(completeWeeksFrom('2026-10-19', '2026-11-02')).toBe(2);
	});
});

describe('the fingerprint of the files', () => {
	it('withdraws an item whose uploaded file no longer holds the bytes its name promises', async () => {
		// A recording on Northfield's leaflet, uploaded and stored under its SHA-256.
		const recording = await media.putBytes(new TextEncoder().encode('ID3 a recording'), 'mp3');
		const id = await briefingId('preventing-blood-clots');
		const variants = await db
			.selectFrom('briefing_variant as x')
			.innerJoin('briefing_version as v', 'v.id', 'x.version_id')
			.select(['x.version_id', 'x.format', 'x.language', 'x.content'])
			.where('v.briefing_id', '=', id)
			.where('v.status', '=', 'published')
			.where('x.format', '=', 'leaflet')
			.execute();
		expect(variants.length).toBeGreaterThan(0);
		for (const v of variants)
			await db
				.updateTable('briefing_variant')
				.set({
					content: JSON.stringify({
						...JSON.parse(v.content),
						audio: { path: recording.path, mimeType: 'audio/mpeg', durationSeconds: 30 }
					})
				})
				.where('version_id', '=', v.version_id)
				.where('format', '=', v.format)
				.where('language', '=', v.language)
				.execute();
		const itemId = await shared();
		expect(await adoptItem(db, media, otherLead, itemId, now)).toMatchObject({ ok: true });

		// The file is replaced on disk: its text still matches, its bytes do not.
		await writeFile(join(uploadsDir, recording.name), 'ID3 something else entirely');
		expect(await adoptItem(db, media, thirdLead, itemId, now)).toEqual({
			ok: false,
			reason: 'fingerprint'
		});
		expect(await getItem(db, lead.organisationId, itemId)).toMatchObject({
			withdrawn: 'fingerprint'
		});
	});
});
