import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { createOrganisation } from '../repositories/organisations';
import { createStaffAccount } from '../repositories/staff-accounts';
import { openDemoDatabase } from '../test-support/demo-database';
import { annotationChoices, NOTES_PER_PAGE } from './lessons';

/*
 * The lesson form's chart notes: any of the organisation's, however many and however old,
 * found by their words or a page at a time, newest first; never another organisation's.
 */

const now = new Date('2026-11-26T09:00:00Z');
let db: Db;
let lead: StaffAccount;
let other: StaffAccount;

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

/** Notes on the given days (ISO dates), written in that order, a minute apart. */
async function note(account: StaffAccount, ...notes: Array<[string, string]>) {
	let minute = 0;
	for (const [onDate, text] of notes)
		await db
			.insertInto('measure_annotation')
			.values({
				id: crypto.randomUUID(),
				organisation_id: account.organisationId,
				on_date: onDate,
				text,
				ward_id: null,
				created_by: account.id,
				created_at: new Date(now.getTime() + ++minute * 60_000).toISOString()
			})
			.execute();
}

/** Day `n` days before 2026-11-01. */
const day = (n: number) =>
	new Date(Date.UTC(2026, 10, 1) - n * 86_400_000).toISOString().slice(0, 10);

beforeEach(async () => {
	db = (await openDemoDatabase(now)).db;
	lead = await leadOf('Eastbrook Hospitals', 'lead@east.example');
	other = await leadOf('Westdale Hospitals', 'lead@west.example');
});
afterEach(async () => {
	await db.destroy();
});

describe('annotationChoices', () => {
	it('offers every note a page at a time, newest first, the oldest too', async () => {
		// 130 notes, one a day back from 1 November 2026: the oldest is from 25 June 2026.
		await note(
			lead,
			...Array.from({ length: 130 }, (_, i): [string, string] => [day(i), `Change ${i}`])
		);
		await note(other, [day(0), 'Westdale’s change'], [day(200), 'Westdale’s old change']);

		const first = await annotationChoices(db, lead.organisationId);
		expect(first).toMatchObject({ total: 130, any: true, page: 1, pages: 3, from: 1, to: 50 });
		expect(first.notes).toHaveLength(NOTES_PER_PAGE);
		expect(first.notes[0]).toMatchObject({ on_date: '2026-11-01', text: 'Change 0' });
		expect(first.notes.at(-1)).toMatchObject({ text: 'Change 49' });

		const last = await annotationChoices(db, lead.organisationId, { page: '3' });
		expect(last).toMatchObject({ page: 3, pages: 3, from: 101, to: 130 });
		expect(last.notes.map((n) => n.text)).toEqual(
			Array.from({ length: 30 }, (_, i) => `Change ${100 + i}`)
		);
		// A page past the end is the last; anything else is the first.
		expect((await annotationChoices(db, lead.organisationId, { page: '99' })).page).toBe(3);
		for (const page of ['0', '-1', '1.5', 'x', '', null])
			expect((await annotationChoices(db, lead.organisationId, { page })).page).toBe(1);

		const westdale = await annotationChoices(db, other.organisationId);
		expect(westdale.notes.map((n) => n.text)).toEqual([
			'Westdale’s change',
			'Westdale’s old change'
		]);
	});

	it('finds notes by their words in any case, only the organisation’s own', async () => {
		await note(
			lead,
			[day(400), 'Card given with the film'],
			[day(10), 'Bed rails lowered at night'],
			[day(5), 'Second CARD, large print'],
			[day(3), '50% more talked through'],
			[day(2), 'Ward_7 huddle'],
			[day(1), 'Ward 7 huddle']
		);
		await note(other, [day(0), 'Card by the bed']);
		const find = async (words: string, page?: string) =>
			(await annotationChoices(db, lead.organisationId, { words, page })).notes.map((n) => n.text);

		expect(await find('card')).toEqual(['Second CARD, large print', 'Card given with the film']);
		expect(await find('  BED RAILS ')).toEqual(['Bed rails lowered at night']);
		// `%` and `_` are themselves, not wildcards.
		expect(await find('%')).toEqual(['50% more talked through']);
		expect(await find('ward_7')).toEqual(['Ward_7 huddle']);
		expect(await find('\\')).toEqual([]);

		const none = await annotationChoices(db, lead.organisationId, { words: 'sepsis' });
		expect(none).toMatchObject({ notes: [], total: 0, any: true, page: 1, pages: 1 });
		const matching = await annotationChoices(db, lead.organisationId, { words: 'huddle' });
		expect(matching).toMatchObject({ total: 2, from: 1, to: 2 });

		const westdale = await annotationChoices(db, other.organisationId, { words: 'rails' });
		expect(westdale).toMatchObject({ notes: [], total: 0, any: true });
	});

	it('says when the organisation has no note at all, and keeps the same day’s latest first', async () => {
		const empty = await annotationChoices(db, lead.organisationId, { words: 'card' });
		expect(empty).toMatchObject({ notes: [], total: 0, any: false });
		expect((await annotationChoices(db, lead.organisationId)).any).toBe(false);

		await note(
			lead,
			[day(0), 'Written first'],
			[day(0), 'Written second'],
			[day(1), 'The day before']
		);
		const texts = (await annotationChoices(db, lead.organisationId)).notes.map((n) => n.text);
		expect(texts).toEqual(['Written second', 'Written first', 'The day before']);
	});
});
