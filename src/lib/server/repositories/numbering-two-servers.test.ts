import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { seedDemo } from '../seed/demo';
import { openTestDatabasePair } from '../test-support/test-database';
import { createVersion } from './briefings';
import { createBriefingWithDraft, startNewDraft } from './briefing-versions';
import { changeGroupBriefings, listGroupBriefings } from './group-briefings';
import { createPatientGroupAudited } from './patient-groups';
import { staffAccountByEmail } from '../test-support/accounts';

/*
 * Two leads acting at once through two app servers on one database (issue 14, item 4): `a`
 * and `b` have their own connections (test-database.ts) and each step runs through both at
 * the same moment. Numbers and positions read as `max + 1` never collide, and neither lead
 * meets an error: the second waits for the first (PostgreSQL: `lockFor`; SQLite: one writer,
 * the later transaction run again by `inTransaction`).
 */

const ROUNDS = 4;
const SLOW = 60_000;
const now = new Date('2026-11-26T09:00:00Z');

let a: Db;
let b: Db;
let lead: StaffAccount;

beforeAll(async () => {
	[a, b] = await openTestDatabasePair();
	await seedDemo(a, now);
	lead = await staffAccountByEmail(b, 'lead@demo.example');
}, SLOW);

afterAll(async () => {
	await b.destroy();
	await a.destroy();
});

const briefingId = async (slug: string) =>
	(await a.selectFrom('briefing').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
		.id;

const numbersOf = async (id: string) =>
	(
		await a
			.selectFrom('briefing_version')
			.select('number')
			.where('briefing_id', '=', id)
			.orderBy('number')
			.execute()
	).map((r) => r.number);

/** 1, 2, … n */
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('two leads at once on two servers', () => {
	it(
		'number a briefing’s versions one after another',
		async () => {
			const id = await briefingId('preventing-blood-clots');
			const before = (await numbersOf(id)).length;
			const draft = () => ({
				briefingId: id,
				status: 'draft' as const,
				reviewBy: '2027-11-26',
				evidenceLinks: [],
				userTestingNote: '',
				approvedBy: null,
				isExample: false,
				variants: []
			});
			for (let round = 0; round < ROUNDS; round++)
				await Promise.all([createVersion(a, draft(), now), createVersion(b, draft(), now)]);
			expect(await numbersOf(id)).toEqual(upTo(before + 2 * ROUNDS));
		},
		SLOW
	);

	it(
		'start one new draft of a briefing, the other lead told a draft is open',
		async () => {
			const id = await briefingId('call-dont-fall');
			const before = (await numbersOf(id)).length;
			const answers = await Promise.all([
				startNewDraft(a, lead, id, now),
				startNewDraft(b, lead, id, now)
			]);
			expect(answers).toContainEqual({ ok: true, number: before + 1 });
			expect(answers).toContainEqual({ ok: false, problem: 'openVersionExists' });
			expect(await numbersOf(id)).toEqual(upTo(before + 1));
		},
		SLOW
	);

	it(
		'make one briefing of a slug, the other lead told it is taken',
		async () => {
			for (let round = 0; round < ROUNDS; round++) {
				const input = { topic: `Topic ${round}`, slug: `topic-${round}`, ownerId: lead.id };
				const answers = await Promise.all([
					createBriefingWithDraft(a, lead, input, now),
					createBriefingWithDraft(b, lead, input, now)
				]);
				expect(answers.map((r) => r.ok).sort()).toEqual([false, true]);
				expect(answers).toContainEqual({ ok: false, problem: 'slugTaken' });
			}
		},
		SLOW
	);

	it(
		'place new patient groups and a group’s briefings in distinct positions',
		async () => {
			const group = (name: string) => ({
				name,
				description: '',
				communicationNeeds: [],
				preferredFormats: ['leaflet' as const],
				usualLanguages: ['en' as const],
				ageBands: []
			});
			const made = [];
			for (let round = 0; round < ROUNDS; round++)
				made.push(
					...(await Promise.all([
						createPatientGroupAudited(a, lead, group(`Group ${round}a`)),
						createPatientGroupAudited(b, lead, group(`Group ${round}b`))
					]))
				);
			const positions = (
				await a
					.selectFrom('patient_group')
					.select('position')
					.where('organisation_id', '=', lead.organisationId)
					.orderBy('position')
					.execute()
			).map((r) => r.position);
			expect(positions).toEqual(upTo(positions.length));

			const slugs = [
				'your-safety-on-our-ward',
				'call-dont-fall',
				'preventing-blood-clots',
				'sepsis-when-to-get-help'
			];
			const ids = await Promise.all(slugs.map(briefingId));
			const target = made[0]?.id ?? '';
			for (let i = 0; i < ids.length; i += 2) {
				const answers = await Promise.all(
					[a, b].map((db, j) =>
						changeGroupBriefings(db, lead, target, { change: 'add', briefingId: ids[i + j] ?? '' })
					)
				);
				expect(answers).toEqual(['saved', 'saved']);
			}
			const listed = await listGroupBriefings(b, lead.organisationId, target);
			expect(listed.map((l) => l.briefingId).sort()).toEqual([...ids].sort());
			const placed = await a
				.selectFrom('patient_group_briefing')
				.select('position')
				.where('patient_group_id', '=', target)
				.orderBy('position')
				.execute();
			expect(placed.map((r) => r.position)).toEqual(upTo(ids.length));
		},
		SLOW
	);
});
