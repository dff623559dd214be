import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { seedDemo } from '../seed/demo';
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
});
