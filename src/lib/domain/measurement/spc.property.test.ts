import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runChart, xmr, type XmrOptions, type XmrPoint } from './spc';

/*
 * Properties of the charts over generated series. Small whole numbers give ties, repeats and
 * points on the mean, where the rules are most easily got wrong; wide doubles test the arithmetic.
 */
const smallCounts = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 60 });
const wideValues = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
	minLength: 1,
	maxLength: 60
});
const series = fc.oneof(smallCounts, wideValues);

const improvement = fc.constantFrom('increase' as const, 'decrease' as const, 'neutral' as const);
const options: fc.Arbitrary<XmrOptions> = fc.record({
	improvement,
	fixAfter: fc.option(fc.integer({ min: 12, max: 40 }), { nil: undefined }),
	rebaseAt: fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 4 }),
	screenOutliers: fc.boolean()
});
// Screening compares each moving range with 3.267 × MR̄, where rounding can tip an exact tie
// either way after scaling or shifting; those properties are checked without it.
const unscreened = options.map((o) => ({ ...o, screenOutliers: false }));

const lines = (p: XmrPoint) => [p.mean, p.upperLimit, p.lowerLimit, p.upperNear, p.lowerNear];

function expectClose(actual: number[], expected: number[], tolerance: number) {
	expect(actual).toHaveLength(expected.length);
	actual.forEach((a, i) =>
		expect(Math.abs(a - (expected[i] ?? NaN))).toBeLessThanOrEqual(tolerance)
	);
}

const largest = (values: readonly number[]) => Math.max(1, ...values.map(Math.abs));

describe('xmr properties', () => {
	it('draws the limits and near lines symmetrically about the mean, in order', () => {
		fc.assert(
			fc.property(series, options, (values, o) => {
				const tolerance = 1e-9 * largest(values);
				for (const p of xmr(values, o).points) {
					const up = p.upperLimit - p.mean;
					expect(Math.abs(up - (p.mean - p.lowerLimit))).toBeLessThanOrEqual(tolerance);
					expect(Math.abs(p.upperNear - p.mean - (p.mean - p.lowerNear))).toBeLessThanOrEqual(
						tolerance
					);
					expect(p.lowerLimit).toBeLessThanOrEqual(p.lowerNear);
					expect(p.lowerNear).toBeLessThanOrEqual(p.mean);
					expect(p.mean).toBeLessThanOrEqual(p.upperNear);
					expect(p.upperNear).toBeLessThanOrEqual(p.upperLimit);
				}
			})
		);
	});

	it('scales the mean and limits by k when the values are scaled by k > 0', () => {
		const k = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
		fc.assert(
			fc.property(series, unscreened, k, (values, o, factor) => {
				const plain = xmr(values, o).points;
				const scaled = xmr(
					values.map((v) => v * factor),
					o
				).points;
				const tolerance = 1e-9 * factor * largest(values);
				scaled.forEach((p, i) => {
					const q = plain[i];
					expect(q).toBeDefined();
					if (q)
						expectClose(
							lines(p),
							lines(q).map((x) => x * factor),
							tolerance
						);
				});
			})
		);
	});

	it('shifts the mean and limits by c when c is added to every value', () => {
		const c = fc.double({ min: -1e6, max: 1e6, noNaN: true });
		fc.assert(
			fc.property(series, unscreened, c, (values, o, constant) => {
				const plain = xmr(values, o).points;
				const shifted = xmr(
					values.map((v) => v + constant),
					o
				).points;
				const tolerance = 1e-9 * (largest(values) + Math.abs(constant));
				shifted.forEach((p, i) => {
					const q = plain[i];
					expect(q).toBeDefined();
					if (q)
						expectClose(
							lines(p),
							lines(q).map((x) => x + constant),
							tolerance
						);
				});
			})
		);
	});

	it('gives a constant series zero-width limits and no signal at all', () => {
		const constant = fc.oneof(
			fc.integer({ min: -1000, max: 1000 }),
			fc.double({ min: -1e9, max: 1e9, noNaN: true })
		);
		fc.assert(
			fc.property(constant, fc.integer({ min: 1, max: 60 }), options, (value, length, o) => {
				const values = Array.from({ length }, () => value);
				for (const p of xmr(values, o).points) {
					expect(p.upperLimit - p.lowerLimit).toBe(0);
					expect(p.mean === value).toBe(true);
					expect(p.rules).not.toContain('outside_limits');
					expect(p.rules).toEqual([]);
				}
			})
		);
	});

	it('gives a point a special cause type exactly when it has a rule, in the canonical order', () => {
		const order = ['outside_limits', 'trend', 'two_in_three', 'shift'];
		const allowed = {
			increase: ['common_cause', 'special_cause_improvement', 'special_cause_concern'],
			decrease: ['common_cause', 'special_cause_improvement', 'special_cause_concern'],
			neutral: ['common_cause', 'special_cause_neutral_high', 'special_cause_neutral_low']
		};
		fc.assert(
			fc.property(series, options, (values, o) => {
				const result = xmr(values, o);
				for (const p of result.points) {
					expect(p.rules.length === 0).toBe(p.type === 'common_cause');
					expect(allowed[o.improvement]).toContain(p.type);
					const positions = p.rules.map((r) => order.indexOf(r));
					expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
					const beyond = p.value > p.upperLimit || p.value < p.lowerLimit;
					expect(p.rules.includes('outside_limits')).toBe(beyond);
				}
				expect(result.variation).toBe(result.points.at(-1)?.type);
			})
		);
	});

	it('charts a series rebased at its joins as the parts charted apart', () => {
		const parts = fc.array(series, { minLength: 1, maxLength: 5 });
		const partOptions = fc.record({
			improvement,
			fixAfter: fc.option(fc.integer({ min: 12, max: 20 }), { nil: undefined }),
			screenOutliers: fc.boolean()
		});
		fc.assert(
			fc.property(parts, partOptions, (pieces, o) => {
				const starts = pieces.slice(0, -1).reduce<number[]>((acc, piece) => {
					acc.push((acc.at(-1) ?? 0) + piece.length);
					return acc;
				}, []);
				const joined = xmr(pieces.flat(), { ...o, rebaseAt: starts });
				const apart = pieces.map((piece) => xmr(piece, o));
				expect(joined.points).toEqual(apart.flatMap((r) => r.points));
				expect(joined.warnings).toEqual(
					apart.some((r) => r.warnings.length > 0) ? ['few_points'] : []
				);
			})
		);
	});
});

describe('runChart properties', () => {
	it('puts the median between the smallest and largest baseline value', () => {
		const baseline = fc.option(fc.integer({ min: 1, max: 70 }), { nil: undefined });
		fc.assert(
			fc.property(series, baseline, (values, baselinePoints) => {
				const { median } = runChart(values, { baselinePoints });
				const base = values.slice(0, baselinePoints ?? values.length);
				expect(median).toBeGreaterThanOrEqual(Math.min(...base));
				expect(median).toBeLessThanOrEqual(Math.max(...base));
			})
		);
	});

	it('counts no more runs than useful observations, and flags no point on the median as a shift', () => {
		fc.assert(
			fc.property(series, (values) => {
				const result = runChart(values);
				const onMedian = values.filter((v) => v === result.median).length;
				expect(result.usefulObservations).toBe(values.length - onMedian);
				expect(result.runs).toBeLessThanOrEqual(result.usefulObservations);
				expect(result.runs === 0).toBe(result.usefulObservations === 0);
				result.points.forEach((p) => {
					if (p.value === result.median) expect(p.rules).not.toContain('shift');
				});
			})
		);
	});
});
