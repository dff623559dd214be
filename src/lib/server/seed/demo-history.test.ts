import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildChart } from '$lib/domain/measurement/chart';
import { measures } from '$lib/domain/measurement/measures';
import { weekStartOf } from '$lib/domain/measurement/period';
import type { Db } from '../db/database';
import { listAims } from '../repositories/aims';
import { measureSeries } from '../repositories/measurement';
import { primaryOrganisation } from '../repositories/organisations';
import { seedDemo } from './demo';
import { demoChange } from './demo-history';
import { openTestDatabase } from '../test-support/test-database';

const SLOW = 30_000;
const now = new Date('2026-11-26T10:00:00Z');
let db: Db;

beforeEach(async () => {
	db = await openTestDatabase();
});
afterEach(async () => {
	await db.destroy();
});

describe('the demo’s measurement history', () => {
	it(
		'fills 26 complete weeks and leaves the current week empty',
		async () => {
			await seedDemo(db, now, { history: true });
			const org = await primaryOrganisation(db);
			const series = await measureSeries(db, org!.id, {
				slice: {},
				kind: 'week',
				today: '2026-11-26'
			});
			const weeks = series.coverage.map((p) => p.period);
			expect(weeks).toHaveLength(27);
			expect(weeks.at(-1)).toBe(weekStartOf('2026-11-26'));
			expect(series.deliveries.at(-1)).toMatchObject({ value: 0, inProgress: true });
			for (const p of series.coverage.slice(0, -1)) {
				expect(p.value, p.period).toBeGreaterThan(50);
				expect(p.value, p.period).toBeLessThan(95);
			}
			for (const p of series.feedbackPositive.slice(0, -1)) expect(p.value).not.toBeNull();
		},
		SLOW
	);

	it(
		'shows Ward 7’s change as special cause improvement in teach-back, with the change noted',
		async () => {
			await seedDemo(db, now, { history: true });
			const org = await primaryOrganisation(db);
			const ward7 = await db
				.selectFrom('ward')
				.select('id')
				.where('name', '=', 'Ward 7')
				.executeTakeFirstOrThrow();
			const series = await measureSeries(db, org!.id, {
				slice: { wardIds: [ward7.id] },
				kind: 'week',
				today: '2026-11-26'
			});
			const chart = buildChart(series.teachBack, measures.teachBack, {
				chart: 'xmr',
				baselinePoints: 12,
				rebaseAt: []
			});
			expect(chart.variation).toBe('special_cause_improvement');
			const notes = await db.selectFrom('measure_annotation').select(['text', 'ward_id']).execute();
			expect(notes).toEqual([{ text: demoChange, ward_id: ward7.id }]);
			const [aim] = await listAims(db, org!.id);
			expect(aim).toMatchObject({ measure: 'formatFit', target: 90, wardIds: [ward7.id] });
		},
		SLOW
	);

	it(
		'holds nothing about a patient and is the same on every seed',
		async () => {
			await seedDemo(db, now, { history: true });
			const free = await db
				.selectFrom('feedback')
				.select('free_text')
				.where('free_text', 'is not', null)
				.execute();
			expect(free).toEqual([]);
			const counted = await db
				.selectFrom('delivery_record')
				.select(db.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			const other = await openTestDatabase();
			await seedDemo(other, now, { history: true });
			const again = await other
				.selectFrom('delivery_record')
				.select(other.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			await other.destroy();
			expect(Number(again.n)).toBe(Number(counted.n));
			expect(Number(counted.n)).toBeGreaterThan(2000);
		},
		SLOW
	);
});
