import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AimForm } from '$lib/domain/measurement/aim';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openTestDatabase } from '../test-support/test-database';
import { createAim, editAim, getAim, listAims, setAimClosed } from './aims';
import { listAudit } from './audit';
import { createOrganisation } from './organisations';
import { createStaffAccount } from './staff-accounts';

// 23:30 in London (summer time) on 30 March 2027 is already 31 March in Auckland: the day a
// closing is dated by is the organisation's own.
const now = new Date('2027-03-30T22:30:00Z');
const created = new Date('2027-03-01T09:00:00Z');
const later = new Date('2027-04-02T09:00:00Z');
let db: Db;
let lead: StaffAccount;
let reviewer: StaffAccount;
let otherLead: StaffAccount;

const person = (organisationId: string, email: string, role: StaffAccount['role']) =>
	createStaffAccount(db, { organisationId, email, displayName: email, role });

const aim = (changes: Partial<AimForm> = {}): AimForm => ({
	title: 'By 31 March 2027, 90% of admissions to Ward 7 receive a briefing',
	measure: 'coverage',
	target: 90,
	dueBy: '2027-03-31',
	wardIds: [],
	patientGroupIds: [],
	...changes
});

beforeEach(async () => {
	db = await openTestDatabase();
	const northfield = await createOrganisation(db, { name: 'Northfield' });
	const eastbrook = await createOrganisation(db, {
		name: 'Eastbrook',
		timeZone: 'Pacific/Auckland'
	});
	lead = await person(northfield.id, 'lead@north.example', 'engagementLead');
	reviewer = await person(northfield.id, 'reviewer@north.example', 'clinicalReviewer');
	otherLead = await person(eastbrook.id, 'lead@east.example', 'engagementLead');
});
afterEach(async () => {
	await db.destroy();
});

describe('correcting an aim', () => {
	it('saves every field, lists the aim as corrected, and audits before and after', async () => {
		const id = await createAim(db, lead, aim(), created);
		const corrected = aim({
			title: 'By 30 June 2027, 85% of admissions get a briefing that suits them',
			measure: 'formatFit',
			target: 85,
			dueBy: '2027-06-30'
		});
		expect(await editAim(db, lead, id, corrected, now)).toBe('saved');
		expect(await listAims(db, lead.organisationId)).toEqual([
			{ ...corrected, id, createdAt: created.toISOString(), closed: null }
		]);
		const [edited] = await listAudit(db, lead.organisationId, { subjectId: id });
		expect(edited).toMatchObject({
			action: 'edited',
			subjectType: 'aim',
			detail: {
				before: { title: aim().title, target: 90, dueBy: '2027-03-31', measure: 'coverage' },
				after: { title: corrected.title, target: 85, dueBy: '2027-06-30', measure: 'formatFit' }
			}
		});
	});

	it('refuses another organisation’s lead and a reviewer, changing nothing', async () => {
		const id = await createAim(db, lead, aim(), created);
		expect(await editAim(db, otherLead, id, aim({ title: 'Taken over' }), now)).toBe('notFound');
		expect(await editAim(db, reviewer, id, aim({ title: 'Reviewed' }), now)).toBe('notAllowed');
		expect(await getAim(db, otherLead.organisationId, id)).toBeNull();
		expect((await getAim(db, lead.organisationId, id))?.title).toBe(aim().title);
		expect(
			(await listAudit(db, lead.organisationId, { subjectId: id })).map((a) => a.action)
		).toEqual(['created']);
	});
});

describe('closing and reopening an aim', () => {
	it('closes as achieved on the organisation’s day, keeps it listed, and reopens it', async () => {
		const id = await createAim(db, lead, aim(), created);
		expect(await setAimClosed(db, lead, id, 'achieved', now)).toBe('saved');
		// Northfield keeps London time: still 30 March there.
		expect((await getAim(db, lead.organisationId, id))?.closed).toEqual({
			outcome: 'achieved',
			on: '2027-03-30'
		});
		expect((await listAims(db, lead.organisationId)).map((a) => a.id)).toEqual([id]);

		expect(await setAimClosed(db, lead, id, null, later)).toBe('saved');
		expect((await getAim(db, lead.organisationId, id))?.closed).toBeNull();
		expect(
			(await listAudit(db, lead.organisationId, { subjectId: id })).map((a) => [a.action, a.detail])
		).toEqual([
			['reopened', { was: { outcome: 'achieved', on: '2027-03-30' } }],
			['closed', { outcome: 'achieved', on: '2027-03-30' }],
			['created', { measure: 'coverage', target: 90, dueBy: '2027-03-31' }]
		]);
	});

	it('dates a closing by the organisation’s own time zone', async () => {
		const id = await createAim(db, otherLead, aim(), created);
		expect(await setAimClosed(db, otherLead, id, 'stopped', now)).toBe('saved');
		expect((await getAim(db, otherLead.organisationId, id))?.closed).toEqual({
			outcome: 'stopped',
			on: '2027-03-31'
		});
	});

	it('changes nothing when closed twice or reopened while current', async () => {
		const id = await createAim(db, lead, aim(), created);
		expect(await setAimClosed(db, lead, id, null, now)).toBe('saved');
		expect(await setAimClosed(db, lead, id, 'stopped', now)).toBe('saved');
		expect(await setAimClosed(db, lead, id, 'achieved', later)).toBe('saved');
		expect((await getAim(db, lead.organisationId, id))?.closed).toEqual({
			outcome: 'stopped',
			on: '2027-03-30'
		});
		expect(
			(await listAudit(db, lead.organisationId, { subjectId: id })).map((a) => a.action)
		).toEqual(['closed', 'created']);
	});

	it('refuses another organisation’s lead and a reviewer, changing nothing', async () => {
		const id = await createAim(db, lead, aim(), created);
		expect(await setAimClosed(db, otherLead, id, 'achieved', now)).toBe('notFound');
		expect(await setAimClosed(db, reviewer, id, 'achieved', now)).toBe('notAllowed');
		expect((await getAim(db, lead.organisationId, id))?.closed).toBeNull();
		await setAimClosed(db, lead, id, 'stopped', now);
		expect(await setAimClosed(db, otherLead, id, null, now)).toBe('notFound');
		expect(await setAimClosed(db, reviewer, id, null, now)).toBe('notAllowed');
		expect((await getAim(db, lead.organisationId, id))?.closed?.outcome).toBe('stopped');
	});
});
