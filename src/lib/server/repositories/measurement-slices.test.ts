import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { seedDemo } from '../seed/demo';
import { measureSeries } from './measurement';
import { seriesBySlice } from './measurement-slices';
import { openTestDatabase } from '../test-support/test-database';

// Seeding hashes a password per demo account with argon2: about a second in all.
const SLOW = 30_000;
const now = new Date('2026-11-26T09:00:00Z');
const today = '2026-11-26';

let db: Db;
let organisationId: string;

beforeAll(async () => {
	// The demo with its history: wards, groups, formats, languages, feedback and admissions.
	db = await openTestDatabase();
	await seedDemo(db, now, { history: true });
	organisationId = (
		await db
			.selectFrom('staff_account')
			.select('organisation_id')
			.where('email', '=', 'lead@demo.example')
			.executeTakeFirstOrThrow()
	).organisation_id;
}, SLOW);

describe('every slice at once, for joint disclosure', () => {
	// The joint table must hold the very numbers each slice's page shows, or it protects others.
	it(
		'gives each slice the series its own page computes',
		async () => {
			for (const kind of ['week', 'month'] as const) {
				const all = await seriesBySlice(db, organisationId, { kind, today });
				expect(new Set(all.slices.map((s) => s.dimension))).toEqual(
					new Set(['ward', 'group', 'format', 'language'])
				);
				expect(all.organisation).toEqual(
					await measureSeries(db, organisationId, { slice: {}, kind, today })
				);
				for (const s of all.slices) {
					const own = await measureSeries(db, organisationId, {
						slice: {
							ward: { wardIds: [s.value] },
							group: { patientGroupIds: [s.value] },
							format: { formats: [s.value] },
							language: { languages: [s.value] }
						}[s.dimension],
						kind,
						today
					});
					for (const [measure, points] of Object.entries(own)) {
						const joint = s.series[measure as keyof typeof own];
						const periods = new Set(points.map((p) => p.period));
						expect(
							joint.filter((p) => periods.has(p.period)),
							`${s.dimension} ${measure}`
						).toEqual(points);
						// Before the slice's first data its own page lists nothing: zeros in the table.
						for (const p of joint.filter((q) => !periods.has(q.period)))
							expect(p.numerator, `${s.dimension} ${measure} ${p.period}`).toBe(0);
					}
				}
			}
		},
		SLOW
	);
});
