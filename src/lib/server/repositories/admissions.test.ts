import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import { listAudit } from './audit';
import { countAdmissions, heldAdmissions, listAdmissions, saveAdmissions } from './admissions';

// Seeding hashes a password per demo account with argon2: about a second in all.
const SLOW = 20_000;
const now = new Date('2026-11-26T09:00:00Z');

let db: Db;
let lead: StaffAccount;
let southmoorLead: StaffAccount;
let ward7: string;
let ward12: string;
let oakWard: string;

/** The Monday `n` weeks before 23 November 2026. */
const weeksBack = (n: number) =>
	new Date(Date.parse('2026-11-23T00:00:00Z') - n * 7 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	lead = await demo.account('lead@demo.example');
	southmoorLead = await demo.account('lead@southmoor.example');
	ward7 = await demo.wardId('Ward 7');
	ward12 = await demo.wardId('Ward 12');
	oakWard = await demo.wardId('Oak Ward');
	// Half a year of Ward 7, the last five weeks of Ward 12, and Southmoor's own weeks.
	const entries = [
		...Array.from({ length: 25 }, (_, n) => ({
			wardId: ward7,
			weekStart: weeksBack(n),
			admissions: n
		})),
		...Array.from({ length: 5 }, (_, n) => ({
			wardId: ward12,
			weekStart: weeksBack(n),
			admissions: 100 + n
		}))
	];
	expect((await saveAdmissions(db, lead, entries, 'csv', now)).status).toBe('saved');
	const theirs = Array.from({ length: 3 }, (_, n) => ({
		wardId: oakWard,
		weekStart: weeksBack(n),
		admissions: 7
	}));
	expect((await saveAdmissions(db, southmoorLead, theirs, 'csv', now)).status).toBe('saved');
}, SLOW);

describe('the admissions entered, a page at a time', () => {
	it('counts the organisation’s ward-weeks, or one ward’s, never another organisation’s', async () => {
		expect(await countAdmissions(db, lead.organisationId)).toBe(30);
		expect(await countAdmissions(db, lead.organisationId, { wardId: ward7 })).toBe(25);
		expect(await countAdmissions(db, lead.organisationId, { wardId: oakWard })).toBe(0);
		expect(await countAdmissions(db, lead.organisationId, { wardId: '' })).toBe(0);
		expect(await countAdmissions(db, southmoorLead.organisationId)).toBe(3);
	});

	it('reaches every entry, newest week first, in one order page to page', async () => {
		const pages = await Promise.all(
			[0, 20].map((offset) => listAdmissions(db, lead.organisationId, { limit: 20, offset }))
		);
		expect(pages.map((p) => p.length)).toEqual([20, 10]);
		const all = pages.flat();
		expect(new Set(all.map((r) => `${r.wardId}/${r.weekStart}`)).size).toBe(30);
		// Newest week first; within a week, by ward name ("Ward 12" before "Ward 7").
		expect(all.slice(0, 3).map((r) => [r.weekStart, r.wardName])).toEqual([
			['2026-11-23', 'Ward 12'],
			['2026-11-23', 'Ward 7'],
			['2026-11-16', 'Ward 12']
		]);
		const weeks = all.map((r) => r.weekStart);
		expect(weeks).toEqual([...weeks].sort().reverse());
		expect(all.at(-1)).toMatchObject({
			wardName: 'Ward 7',
			weekStart: weeksBack(24),
			admissions: 24
		});
		expect(all.some((r) => r.wardId === oakWard)).toBe(false);
	});

	it('gives one ward’s oldest weeks on its last page', async () => {
		const last = await listAdmissions(db, lead.organisationId, {
			wardId: ward7,
			limit: 20,
			offset: 20
		});
		expect(last.map((r) => [r.weekStart, r.admissions])).toEqual(
			[20, 21, 22, 23, 24].map((n) => [weeksBack(n), n])
		);
	});

	it('lists nothing of another organisation’s ward, even by its id', async () => {
		expect(await listAdmissions(db, lead.organisationId, { wardId: oakWard })).toEqual([]);
		expect(await listAdmissions(db, southmoorLead.organisationId, { wardId: ward7 })).toEqual([]);
	});
});

describe('a week not yet begun', () => {
	it('is refused, and nothing of the entry stored: this week is the last that may be entered', async () => {
		const before = await countAdmissions(db, lead.organisationId, { wardId: ward7 });
		// 26 November 2026 is in the week of Monday 23 November.
		const next = { wardId: ward7, weekStart: '2026-11-30', admissions: 4 };
		const typo = { wardId: ward7, weekStart: '2062-11-20', admissions: 4 };
		expect((await saveAdmissions(db, lead, [next], 'form', now)).status).toBe('futureWeek');
		expect((await saveAdmissions(db, lead, [typo], 'form', now)).status).toBe('futureWeek');
		expect(await countAdmissions(db, lead.organisationId, { wardId: ward7 })).toBe(before);
		expect(
			(await saveAdmissions(db, lead, [{ ...next, weekStart: '2026-11-23', was: 0 }], 'form', now))
				.status
		).toBe('saved');
	});
});

describe('a week that already holds a number', () => {
	// Ward 12 holds 100 + n for the week n weeks back.
	const held = (weekStart: string) => heldAdmissions(db, lead.organisationId, ward12, weekStart);

	it('is not replaced by a different number unasked: nothing is written and the week is named', async () => {
		const entry = { wardId: ward12, weekStart: weeksBack(1), admissions: 130 };
		expect(await saveAdmissions(db, lead, [entry], 'form', now)).toEqual({
			status: 'replaces',
			replaces: [{ ...entry, wardName: 'Ward 12', held: 101 }]
		});
		expect(await held(weeksBack(1))).toBe(101);
	});

	it('is not replaced on a stale question: the number held changed since it was asked', async () => {
		const entry = { wardId: ward12, weekStart: weeksBack(1), admissions: 130, was: 99 };
		const result = await saveAdmissions(db, lead, [entry], 'form', now);
		expect(result.status).toBe('replaces');
		expect(await held(weeksBack(1))).toBe(101);
	});

	it('takes the same number again with no question, as unchanged', async () => {
		const entry = { wardId: ward12, weekStart: weeksBack(1), admissions: 101 };
		expect(await saveAdmissions(db, lead, [entry], 'form', now)).toEqual({
			status: 'saved',
			added: 0,
			replaced: [],
			unchanged: 1
		});
	});

	it('is replaced when the number asked about is still held, and the audit says what it was', async () => {
		const entry = { wardId: ward12, weekStart: weeksBack(1), admissions: 130, was: 101 };
		const result = await saveAdmissions(db, lead, [entry], 'form', now);
		expect(result).toEqual({
			status: 'saved',
			added: 0,
			replaced: [
				{ wardId: ward12, weekStart: weeksBack(1), admissions: 130, wardName: 'Ward 12', held: 101 }
			],
			unchanged: 0
		});
		expect(await held(weeksBack(1))).toBe(130);
		const trail = await listAudit(db, lead.organisationId, {
			subjectType: 'admissions',
			subjectId: `${ward12}/${weeksBack(1)}`
		});
		// The unchanged save before it says nothing was replaced; this one, what the week held.
		expect(trail.map((a) => a.detail)).toEqual(
			expect.arrayContaining([
				{ rows: 1, source: 'form' },
				{ rows: 1, source: 'form', was: 101 }
			])
		);
		expect(trail).toHaveLength(2);
	});

	it('holds a whole import back for one week unasked, and then counts weeks added and replaced', async () => {
		const added = { wardId: ward12, weekStart: weeksBack(10), admissions: 40 };
		const replacing = { wardId: ward12, weekStart: weeksBack(2), admissions: 90 };
		const first = await saveAdmissions(db, lead, [added, replacing], 'csv', now);
		expect(first).toEqual({
			status: 'replaces',
			replaces: [{ ...replacing, wardName: 'Ward 12', held: 102 }]
		});
		expect(await held(weeksBack(10))).toBeNull();
		const asked = await saveAdmissions(db, lead, [added, { ...replacing, was: 102 }], 'csv', now);
		expect(asked.status === 'saved' && [asked.added, asked.replaced.length]).toEqual([1, 1]);
		expect([await held(weeksBack(10)), await held(weeksBack(2))]).toEqual([40, 90]);
	});
});
