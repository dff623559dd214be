import { describe, expect, it } from 'vitest';
import { buildChart, rebaseIndices } from './chart';
import { measures, type MeasurePoint } from './measures';

const weeks = (values: Array<number | null>): MeasurePoint[] =>
	values.map((value, i) => ({
		period: new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10),
		value,
		numerator: value ?? 0,
		denominator: value === null ? null : 100
	}));

describe('buildChart', () => {
	it('leaves gaps out of the XmR calculation and returns them as gaps', () => {
		const model = buildChart(
			weeks([10, 13, null, 10, 13, 16, 13, 10, 13, 10, 7, 10, 13]),
			measures.talkedThrough,
			{
				chart: 'xmr',
				baselinePoints: null,
				rebaseAt: []
			}
		);
		expect(model.rows[2]).toMatchObject({ value: null, centre: null, signal: null });
		expect(model.rows[0]?.centre).toBeCloseTo(11.5);
		expect(model.rows[0]?.upper).toBeCloseTo(19.48);
		expect(model.variation).toBe('common_cause');
		expect(model.warnings).toEqual([]);
	});

	it('clips drawn limits of a percentage to 0–100', () => {
		const model = buildChart(weeks([0, 100, 0, 100, 0]), measures.teachBack, {
			chart: 'xmr',
			baselinePoints: null,
			rebaseAt: []
		});
		expect(model.rows[0]?.lower).toBe(0);
		expect(model.rows[0]?.upper).toBe(100);
		expect(model.warnings).toEqual(['few_points']);
	});

	it('marks special cause by the improvement direction and gives assurance against a target', () => {
		const model = buildChart(
			weeks([50, 50, 51, 50, 49, 50, 51, 50, 50, 49, 50, 51, 95]),
			measures.formatFit,
			{
				chart: 'xmr',
				baselinePoints: 12,
				rebaseAt: []
			},
			20
		);
		expect(model.rows.at(-1)?.signal).toBe('improvement');
		expect(model.variation).toBe('special_cause_improvement');
		expect(model.assurance).toBe('pass');
	});

	it('draws the period in progress against the last limits but never judges it', () => {
		const points = weeks([50, 50, 51, 50, 49, 50, 51, 50, 50, 49, 50, 51, 2]);
		const last = points.at(-1);
		if (last) last.inProgress = true;
		for (const chart of ['xmr', 'run'] as const) {
			const model = buildChart(points, measures.formatFit, {
				chart,
				baselinePoints: null,
				rebaseAt: []
			});
			const [judged, current] = model.rows.slice(-2);
			expect(current).toMatchObject({ value: 2, signal: 'inProgress', rules: [] });
			expect(current?.centre).toBe(judged?.centre);
			expect(current?.upper).toBe(judged?.upper);
			if (chart === 'xmr') expect(model.variation).toBe('common_cause');
		}
		// Judged as a complete week, the same 2% is far below the limits.
		if (last) delete last.inProgress;
		expect(
			buildChart(points, measures.formatFit, { chart: 'xmr', baselinePoints: null, rebaseAt: [] })
				.variation
		).toBe('special_cause_concern');
	});

	it('charts a series whose only value is in progress without judging it', () => {
		const points = weeks([null, null, 3]);
		const last = points.at(-1);
		if (last) last.inProgress = true;
		const model = buildChart(points, measures.formatFit, {
			chart: 'xmr',
			baselinePoints: null,
			rebaseAt: []
		});
		expect(model.rows.at(-1)).toMatchObject({ value: 3, signal: 'inProgress', centre: null });
		expect(model.variation).toBeNull();
	});

	it('rebases at the first charted period on or after a date', () => {
		expect(
			rebaseIndices(['2026-01-05', '2026-01-12', '2026-01-19'], ['2026-01-10', '2025-01-01'])
		).toEqual([1]);
		const model = buildChart(weeks([10, 10, 12, 10, 40, 42, 40, 41]), measures.coverage, {
			chart: 'xmr',
			baselinePoints: null,
			rebaseAt: ['2026-02-02']
		});
		expect(model.rows[0]?.centre).toBeCloseTo(10.5);
		expect(model.rows[7]?.centre).toBeCloseTo(40.75);
	});

	it('draws a run chart with its median and no limits', () => {
		const model = buildChart(weeks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), measures.deliveries, {
			chart: 'run',
			baselinePoints: null,
			rebaseAt: []
		});
		expect(model.kind).toBe('run');
		expect(model.rows[0]).toMatchObject({
			centre: 5.5,
			lower: null,
			upper: null,
			signal: 'runSignal'
		});
		expect(model.rows[0]?.rules).toContain('trend');
	});

	it('has no variation for a series with nothing charted', () => {
		const model = buildChart(weeks([null, null]), measures.coverage, {
			chart: 'xmr',
			baselinePoints: null,
			rebaseAt: []
		});
		expect(model.variation).toBeNull();
		expect(model.rows.every((r) => r.signal === null)).toBe(true);
	});
});
