import { describe, expect, it } from 'vitest';
import { buildChart } from '../chart';
import { measures, type MeasurePoint } from '../measures';
import { discloseChart } from './chart';

const settings = { chart: 'xmr' as const, baselinePoints: null, rebaseAt: [] };
const weeks = (values: Array<[number, number]>): MeasurePoint[] =>
	values.map(([numerator, denominator], i) => ({
		period: `2026-0${1 + Math.floor(i / 4)}-0${1 + (i % 4)}`,
		value: denominator ? (100 * numerator) / denominator : null,
		numerator,
		denominator
	}));

describe('a chart as a reader without raw counts sees it', () => {
	// Leak: the chart drew the raw values of a series whose table said "<5".
	it('does not draw, list or send a hidden value', () => {
		const model = buildChart(
			weeks([
				[3, 4],
				[2, 3]
			]),
			measures.talkedThrough,
			settings
		);
		const chart = discloseChart(model, 'percentage', false);
		expect(chart.rows.map((r) => [r.value, r.numerator, r.denominator])).toEqual([
			[null, null, null],
			[null, null, null]
		]);
		expect(chart.allWithheld).toBe(true);
		expect(JSON.stringify(chart)).not.toMatch(/"(value|numerator|denominator)":[1-9]/);
	});

	it('hides a percentage whose rest is small, and its numerator, but keeps its denominator', () => {
		const chart = discloseChart(
			buildChart(weeks([[18, 20]]), measures.talkedThrough, settings),
			'percentage',
			false
		);
		expect(chart.rows[0]).toMatchObject({ value: null, numerator: null, denominator: 20 });
	});

	// Leak: the mean times the number of periods is their total, so one hidden value among
	// shown ones could be worked back out.
	it('hides the mean, limits and signals when any judged value is hidden', () => {
		const model = buildChart(
			[9, 12, 3, 10].map((n, i) => ({
				period: `2026-01-0${i + 1}`,
				value: n,
				numerator: n,
				denominator: null
			})),
			measures.deliveries,
			settings
		);
		expect(model.rows[0]?.centre).toBe(8.5);
		const chart = discloseChart(model, 'count', false);
		expect(chart.statsWithheld).toBe(true);
		expect(chart.rows.map((r) => [r.value, r.centre, r.upper, r.signal])).toEqual([
			[9, null, null, null],
			[12, null, null, null],
			[null, null, null, null],
			[10, null, null, null]
		]);
		expect(chart.variation).toBeNull();
	});

	it('leaves the lead’s own view whole, and a chart with nothing small as it was', () => {
		const model = buildChart(weeks([[3, 4]]), measures.talkedThrough, settings);
		expect(discloseChart(model, 'percentage', true).rows[0]).toMatchObject({
			value: 75,
			numerator: 3,
			denominator: 4
		});
		const big = buildChart(
			weeks([
				[10, 20],
				[0, 12]
			]),
			measures.talkedThrough,
			settings
		);
		const chart = discloseChart(big, 'percentage', false);
		expect(chart.statsWithheld).toBe(false);
		expect(chart.rows.map((r) => r.value)).toEqual([50, 0]);
		expect(chart.rows[0]?.centre).toBe(25);
	});

	it('keeps the lines when only the week in progress is small', () => {
		const points: MeasurePoint[] = [
			{ period: '2026-01-05', value: 10, numerator: 10, denominator: null },
			{ period: '2026-01-12', value: 12, numerator: 12, denominator: null },
			{ period: '2026-01-19', value: 2, numerator: 2, denominator: null, inProgress: true }
		];
		const chart = discloseChart(buildChart(points, measures.deliveries, settings), 'count', false);
		expect(chart.statsWithheld).toBe(false);
		expect(chart.rows[2]).toMatchObject({ value: null, centre: 11 });
	});

	describe('a rebased chart', () => {
		const points: MeasurePoint[] = [9, 12, 3, 10, 20, 22, 18, 21].map((n, i) => ({
			period: `2026-0${1 + Math.floor(i / 4)}-0${1 + (i % 4)}`,
			value: n,
			numerator: n,
			denominator: null
		}));
		const rebased = { ...settings, rebaseAt: ['2026-02-01'] };

		it('keeps the lines of a segment with nothing hidden, and its icons when it is the last', () => {
			const model = buildChart(points, measures.deliveries, rebased);
			const chart = discloseChart(model, 'count', false);
			expect(chart.statsWithheld).toBe(true);
			expect(chart.rows.map((r) => r.centre)).toEqual([
				null,
				null,
				null,
				null,
				20.25,
				20.25,
				20.25,
				20.25
			]);
			expect(chart.rows[4]?.signal).toBe('common');
			expect(chart.variation).toBe(model.variation);
		});

		it('hides the last segment’s lines, variation and assurance when it holds the hidden week', () => {
			const late = points.map((p, i) =>
				i === 6
					? { ...p, value: 2, numerator: 2 }
					: i === 2
						? { ...p, value: 13, numerator: 13 }
						: p
			);
			const chart = discloseChart(buildChart(late, measures.deliveries, rebased), 'count', false);
			expect(chart.rows.slice(0, 4).map((r) => r.centre)).toEqual([11, 11, 11, 11]);
			expect(chart.rows.slice(4).every((r) => r.centre === null && r.signal === null)).toBe(true);
			expect(chart.variation).toBeNull();
			expect(chart.assurance).toBeNull();
		});

		it('hides the whole median of a run chart', () => {
			const run = { ...rebased, chart: 'run' as const };
			const chart = discloseChart(buildChart(points, measures.deliveries, run), 'count', false);
			expect(chart.rows.every((r) => r.centre === null)).toBe(true);
		});
	});

	it('hides what the joint table hides, and a percentage with either of its parts', () => {
		const model = buildChart(weeks([[10, 20]]), measures.talkedThrough, settings);
		const joint = new Map([
			['2026-01-01', { value: false, numerator: false, denominator: true, notRecorded: false }]
		]);
		expect(discloseChart(model, 'percentage', false, joint).rows[0]).toMatchObject({
			value: null,
			numerator: 10,
			denominator: null
		});
		expect(discloseChart(model, 'percentage', false, 'everything').rows[0]).toMatchObject({
			value: null,
			numerator: null,
			denominator: null
		});
	});
});
