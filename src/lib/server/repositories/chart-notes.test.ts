import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openTestDatabase } from '../test-support/test-database';
import { listAudit } from './audit';
import { createBriefing } from './briefings';
import {
	addAnnotation,
	editAnnotation,
	getAnnotation,
	lessonsOfAnnotation,
	listAnnotations,
	removeAnnotation
} from './chart-notes';
import { createOrganisation, createWard } from './organisations';
import { createStaffAccount } from './staff-accounts';

const created = new Date('2026-11-20T09:00:00Z');
const now = new Date('2026-11-26T09:00:00Z');
let db: Db;
let lead: StaffAccount;
let reviewer: StaffAccount;
let otherLead: StaffAccount;
let ward7: string;
let otherWard: string;

const person = (organisationId: string, email: string, role: StaffAccount['role']) =>
	createStaffAccount(db, { organisationId, email, displayName: email, role });

const note = { onDate: '2026-11-02', text: 'Easy read leaflets started', wardId: null };

/** The lead's one note, made at `created`. */
async function noted(): Promise<string> {
	expect(await addAnnotation(db, lead, note, created)).toBe('saved');
	const [only] = await listAnnotations(db, lead.organisationId);
	return only!.id;
}

beforeEach(async () => {
	db = await openTestDatabase();
	const northfield = await createOrganisation(db, { name: 'Northfield' });
	const eastbrook = await createOrganisation(db, { name: 'Eastbrook' });
	lead = await person(northfield.id, 'lead@north.example', 'engagementLead');
	reviewer = await person(northfield.id, 'reviewer@north.example', 'clinicalReviewer');
	otherLead = await person(eastbrook.id, 'lead@east.example', 'engagementLead');
	ward7 = (await createWard(db, { organisationId: northfield.id, name: 'Ward 7' })).id;
	otherWard = (await createWard(db, { organisationId: eastbrook.id, name: 'Eastbrook Ward' })).id;
});
afterEach(async () => {
	await db.destroy();
});

describe('editing a chart note', () => {
	it('saves the date, words and ward, and audits before and after', async () => {
		const id = await noted();
		const corrected = { onDate: '2026-11-09', text: 'Easy read leaflets on Ward 7', wardId: ward7 };
		expect(await editAnnotation(db, lead, id, corrected, now)).toBe('saved');
		expect(await listAnnotations(db, lead.organisationId, ward7)).toEqual([{ id, ...corrected }]);
		const [edited] = await listAudit(db, lead.organisationId, { subjectId: id });
		expect(edited).toMatchObject({
			action: 'edited',
			subjectType: 'measure_annotation',
			detail: { before: note, after: corrected }
		});
	});

	it('refuses another organisation’s ward, lead and a reviewer, changing nothing', async () => {
		const id = await noted();
		const changed = { ...note, text: 'Changed' };
		expect(await editAnnotation(db, lead, id, { ...note, wardId: otherWard }, now)).toBe(
			'unknownWard'
		);
		expect(await editAnnotation(db, otherLead, id, changed, now)).toBe('notFound');
		expect(await editAnnotation(db, reviewer, id, changed, now)).toBe('notAllowed');
		expect(await getAnnotation(db, lead.organisationId, id)).toEqual({ id, ...note });
		expect(await getAnnotation(db, otherLead.organisationId, id)).toBeNull();
		expect(
			(await listAudit(db, lead.organisationId, { subjectId: id })).map((a) => a.action)
		).toEqual(['created']);
	});
});

describe('removing a chart note', () => {
	it('takes it off every chart, the audit trail keeping what it said', async () => {
		const id = await noted();
		expect(await removeAnnotation(db, lead, id, now)).toBe('removed');
		expect(await listAnnotations(db, lead.organisationId)).toEqual([]);
		const [removed] = await listAudit(db, lead.organisationId, { subjectId: id });
		expect(removed).toMatchObject({ action: 'removed', detail: { before: note } });
		expect(await removeAnnotation(db, lead, id, now)).toBe('notFound');
	});

	it('refuses another organisation’s lead and a reviewer', async () => {
		const id = await noted();
		expect(await removeAnnotation(db, otherLead, id, now)).toBe('notFound');
		expect(await removeAnnotation(db, reviewer, id, now)).toBe('notAllowed');
		expect(await listAnnotations(db, lead.organisationId)).toHaveLength(1);
	});

	it('is refused while a lesson shared with the library names it; editing leaves the lesson as shared', async () => {
		const id = await noted();
		const briefingId = (
			await createBriefing(db, {
				organisationId: lead.organisationId,
				slug: 'blood-clots',
				topic: 'Preventing blood clots',
				ownerId: lead.id
			})
		).id;
		const itemId = crypto.randomUUID();
		await db
			.insertInto('library_item')
			.values({
				id: itemId,
				source_organisation_id: lead.organisationId,
				source_briefing_id: briefingId,
				topic: 'Preventing blood clots',
				licence: 'OGL-UK-3.0',
				attribution: '© Northfield',
				evidence_note: '',
				user_testing_note: '',
				needs: '[]',
				created_at: created.toISOString(),
				updated_at: created.toISOString()
			})
			.execute();
		await db
			.insertInto('library_lesson')
			.values({
				id: crypto.randomUUID(),
				organisation_id: lead.organisationId,
				library_item_id: itemId,
				annotation_id: id,
				on_date: note.onDate,
				tried: note.text,
				happened: 'More patients were talked through.',
				measure: 'talkedThrough',
				weeks: 8,
				before_numerator: 3,
				before_denominator: 40,
				after_numerator: 30,
				after_denominator: 41,
				shared_by: lead.id,
				shared_at: created.toISOString()
			})
			.execute();
		expect(await lessonsOfAnnotation(db, lead.organisationId, id)).toEqual([
			{ itemId, topic: 'Preventing blood clots' }
		]);
		expect(await lessonsOfAnnotation(db, otherLead.organisationId, id)).toEqual([]);

		expect(await removeAnnotation(db, lead, id, now)).toBe('inLesson');
		expect(await getAnnotation(db, lead.organisationId, id)).toEqual({ id, ...note });

		const corrected = { ...note, text: 'Easy read leaflets, corrected' };
		expect(await editAnnotation(db, lead, id, corrected, now)).toBe('saved');
		const lesson = await db
			.selectFrom('library_lesson')
			.select(['tried', 'on_date'])
			.where('annotation_id', '=', id)
			.where('organisation_id', '=', lead.organisationId)
			.executeTakeFirstOrThrow();
		expect(lesson).toEqual({ tried: note.text, on_date: note.onDate });
		expect(
			(await listAudit(db, lead.organisationId, { subjectId: id })).map((a) => a.action)
		).toEqual(['edited', 'created']);
	});
});
