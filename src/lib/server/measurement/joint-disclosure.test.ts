import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { seedDemo } from '../seed/demo';
import type { JointWithheld } from '$lib/domain/measurement/disclosure';
import { jointDisclosure } from './joint-disclosure';
import { openTestDatabase } from '../test-support/test-database';

const SLOW = 30_000;
const today = '2026-11-26';
let db: Db;
let organisationId: string;
let wards: string[];
let group: string;

beforeAll(async () => {
	db = await openTestDatabase();
	await seedDemo(db, new Date(`${today}T09:00:00Z`), { history: true });
	organisationId = (
		await db
			.selectFrom('organisation')
			.select('id')
			.where('kind', '=', 'trust')
			.executeTakeFirstOrThrow()
	).id;
	wards = (await db.selectFrom('ward').select('id').orderBy('name').execute()).map((w) => w.id);
	group = (await db.selectFrom('patient_group').select('id').executeTakeFirstOrThrow()).id;
}, SLOW);

const request = { kind: 'week' as const, today, measureIds: ['deliveries' as const] };

describe('joint disclosure on the server', () => {
	it('hides the same cells of a slice whichever page asks', async () => {
		const [alone] = await jointDisclosure(db, organisationId, request, [{}]);
		const [withWard, ward] = await jointDisclosure(db, organisationId, request, [
			{},
			{ wardIds: [wards[0] as string] }
		]);
		expect(withWard?.deliveries).toEqual(alone?.deliveries);
		expect(ward?.deliveries).toBeInstanceOf(Map);
	});

	it('hides everything of a slice no joint table covers', async () => {
		const answers = await jointDisclosure(db, organisationId, request, [
			{ wardIds: [wards[0] as string], patientGroupIds: [group] },
			{ wardIds: wards.slice(0, 2) }
		]);
		expect(answers.map((a) => a.deliveries)).toEqual(['everything', 'everything']);
	});

	it('never shows the briefings given beside those answered when the rest not recorded is hidden', async () => {
		const tied = ['coverage', 'formatFit', 'talkedThrough', 'teachBack'] as const;
		const slices = [{}, ...wards.map((w) => ({ wardIds: [w] }))];
		const answers = await jointDisclosure(
			db,
			organisationId,
			{ kind: 'week', today, measureIds: tied },
			slices
		);
		let hiddenNotRecorded = 0;
		for (const answer of answers) {
			const fit = answer.formatFit as Map<string, JointWithheld>;
			for (const measure of ['talkedThrough', 'teachBack'] as const)
				for (const [period, w] of answer[measure] as Map<string, JointWithheld>) {
					if (!w.notRecorded) continue;
					hiddenNotRecorded += 1;
					expect(w.denominator || Boolean(fit.get(period)?.denominator)).toBe(true);
				}
		}
		expect(hiddenNotRecorded).toBeGreaterThan(0);

		// The same whichever of the tied measures a page asks for.
		const [alone] = await jointDisclosure(
			db,
			organisationId,
			{ kind: 'week', today, measureIds: ['talkedThrough'] },
			[{}]
		);
		expect(alone?.talkedThrough).toEqual(answers[0]?.talkedThrough);
	});
});
