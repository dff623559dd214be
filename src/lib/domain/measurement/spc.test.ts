import { describe, expect, it } from 'vitest';
import { runChart, xmr, type Improvement, type XmrPoint } from './spc';

/*
 * Hand-worked series. BASELINE alternates ±10: mean 0, every moving range 20, so MR̄ = 20,
 * limits 0 ± 2.66 × 20 = ±53.2 and near lines 0 ± (2/3 × 2.66) × 20 = ±35.4667. `after` fixes the
 * limits on it (fixAfter 12), adds a 0 (on the mean: it breaks any shift, and as -10 → 0 → … it
 * starts neither a rising nor a falling trend into the pattern), then returns only the pattern's
 * points, all judged against those same limits.
 */
const BASELINE = [10, -10, 10, -10, 10, -10, 10, -10, 10, -10, 10, -10];

function after(pattern: number[], improvement: Improvement = 'increase'): XmrPoint[] {
	const result = xmr([...BASELINE, 0, ...pattern], { improvement, fixAfter: 12 });
	return result.points.slice(BASELINE.length + 1);
}

const rulesOf = (points: readonly XmrPoint[]) => points.map((p) => p.rules);
const typesOf = (points: readonly XmrPoint[]) => points.map((p) => p.type);
const repeat = <T>(item: T, times: number): T[] => Array.from({ length: times }, () => item);

describe('xmr limits', () => {
	// x̄ = 138 / 12 = 11.5; every moving range is 3, so MR̄ = 33 / 11 = 3.
	const example = [10, 13, 10, 13, 16, 13, 10, 13, 10, 7, 10, 13];

	it('computes the mean, the limits and the near lines by hand', () => {
		const { points, warnings } = xmr(example, { improvement: 'increase' });
		for (const point of points) {
			expect(point.mean).toBeCloseTo(11.5, 10);
			expect(point.upperLimit).toBeCloseTo(11.5 + 7.98, 10); // 2.66 × 3
			expect(point.lowerLimit).toBeCloseTo(11.5 - 7.98, 10);
			expect(point.upperNear).toBeCloseTo(11.5 + 5.32, 10); // 2/3 × 2.66 × 3
			expect(point.lowerNear).toBeCloseTo(11.5 - 5.32, 10);
			expect(point.type).toBe('common_cause');
			expect(point.rules).toEqual([]);
		}
		expect(points.map((p) => p.value)).toEqual(example);
		expect(warnings).toEqual([]);
	});

	it('gives the alternating baseline limits of ±53.2 and near lines of ±35.47', () => {
		const [point] = after([1]);
		expect(point?.mean).toBe(0);
		expect(point?.upperLimit).toBeCloseTo(53.2, 10);
		expect(point?.lowerLimit).toBeCloseTo(-53.2, 10);
		expect(point?.upperNear).toBeCloseTo(35.4667, 4);
		expect(point?.lowerNear).toBeCloseTo(-35.4667, 4);
	});

	it('keeps the limits on the first fixAfter points and holds them after', () => {
		const later = [50, 60, 70, 80, 90];
		const fixed = xmr([...example, ...later], { improvement: 'increase', fixAfter: 12 });
		const unfixed = xmr([...example, ...later], { improvement: 'increase' });
		for (const point of fixed.points) {
			expect(point.mean).toBeCloseTo(11.5, 10);
			expect(point.upperLimit).toBeCloseTo(19.48, 10);
		}
		expect(unfixed.points[0]?.mean).toBeCloseTo((138 + 350) / 17, 10);
		// The later points are judged against the fixed limits: all above 19.48.
		expect(rulesOf(fixed.points.slice(12)).every((r) => r.includes('outside_limits'))).toBe(true);
	});

	it('uses the whole segment when fixAfter is longer than it', () => {
		const fixed = xmr(example, { improvement: 'increase', fixAfter: 20 });
		expect(fixed.points).toEqual(xmr(example, { improvement: 'increase' }).points);
	});

	it('fixes the limits on the first N points of each segment', () => {
		const second = example.map((v) => v + 100);
		const values = [...example, 99, ...second, 500];
		const { points } = xmr(values, { improvement: 'increase', fixAfter: 12, rebaseAt: [13] });
		expect(points[12]?.mean).toBeCloseTo(11.5, 10);
		expect(points[12]?.rules).toEqual(['outside_limits']);
		expect(points[13]?.mean).toBeCloseTo(111.5, 10);
		expect(points[25]?.mean).toBeCloseTo(111.5, 10);
		expect(points[25]?.upperLimit).toBeCloseTo(119.48, 10);
	});

	it('drops moving ranges of at least 3.267 × MR̄ once when screening outliers', () => {
		// Moving ranges: eight 1s, 30, 30, 1, 5 → MR̄ = 74 / 12 ≈ 6.167; 3.267 × 6.167 ≈ 20.15 drops
		// both 30s → MR̄ = (9 + 5) / 10 = 1.4. A second pass would also drop the 5 (≥ 4.57); it
		// must not happen.
		const values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 40, 10, 11, 16];
		const screened = xmr(values, { improvement: 'increase', screenOutliers: true }).points[0];
		const plain = xmr(values, { improvement: 'increase' }).points[0];
		const mrBar = (p: XmrPoint | undefined) => ((p?.upperLimit ?? 0) - (p?.mean ?? 0)) / 2.66;
		expect(mrBar(screened)).toBeCloseTo(1.4, 10);
		expect(mrBar(plain)).toBeCloseTo(74 / 12, 10);
		expect(screened?.mean).toBeCloseTo(171 / 13, 10); // screening leaves the mean alone
	});

	it('keeps a moving range just under 3.267 × MR̄', () => {
		// Ranges: eleven 1s and one r: MR̄ = (11 + r) / 12, cut 3.267 × MR̄. With r = 4 the cut is
		// 4.084 > 4, so nothing is dropped and the plain and screened charts agree.
		const values = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 5];
		const screened = xmr(values, { improvement: 'increase', screenOutliers: true });
		expect(screened.points).toEqual(xmr(values, { improvement: 'increase' }).points);
	});

	it('leaves a constant series alone when screening (MR̄ = 0, nothing to drop)', () => {
		const { points } = xmr(repeat(0.1, 15), { improvement: 'increase', screenOutliers: true });
		expect(points.every((p) => p.upperLimit === 0.1 && p.lowerLimit === 0.1)).toBe(true);
		expect(points.every((p) => p.type === 'common_cause')).toBe(true);
	});

	it('warns of few points when a baseline has fewer than 12 points', () => {
		expect(xmr(example.slice(0, 11), { improvement: 'increase' }).warnings).toEqual(['few_points']);
		expect(xmr(example, { improvement: 'increase' }).warnings).toEqual([]);
		// 20 points rebased at 12: the second segment has 8.
		const rebased = xmr([...example, ...example.slice(0, 8)], {
			improvement: 'increase',
			rebaseAt: [12]
		});
		expect(rebased.warnings).toEqual(['few_points']);
		expect(rebased.points[19]?.upperLimit).toBeGreaterThan(rebased.points[19]?.mean ?? Infinity);
		const fixed = xmr([...example, ...example], { improvement: 'increase', fixAfter: 12 });
		expect(fixed.warnings).toEqual([]);
	});

	it('returns nothing to draw for an empty series', () => {
		expect(xmr([], { improvement: 'increase', target: 5 })).toEqual({
			points: [],
			variation: 'common_cause',
			assurance: 'none',
			warnings: []
		});
	});

	it('closes the limits onto a single point, which is common cause', () => {
		const result = xmr([7], { improvement: 'increase', target: 7 });
		expect(result.points).toEqual([
			{
				value: 7,
				mean: 7,
				upperLimit: 7,
				lowerLimit: 7,
				upperNear: 7,
				lowerNear: 7,
				type: 'common_cause',
				rules: []
			}
		]);
		expect(result.warnings).toEqual(['few_points']);
		expect(result.variation).toBe('common_cause');
		expect(result.assurance).toBe('hit_and_miss');
	});

	it('refuses values and options it cannot chart', () => {
		expect(() => xmr([1, NaN], { improvement: 'increase' })).toThrow(RangeError);
		expect(() => xmr([1, Infinity], { improvement: 'increase' })).toThrow(RangeError);
		expect(() => xmr(example, { improvement: 'increase', fixAfter: 11 })).toThrow(RangeError);
		expect(() => xmr(example, { improvement: 'increase', fixAfter: 12.5 })).toThrow(RangeError);
		expect(() => xmr(example, { improvement: 'increase', rebaseAt: [-1] })).toThrow(RangeError);
		expect(() => xmr(example, { improvement: 'increase', rebaseAt: [2.5] })).toThrow(RangeError);
		expect(() => xmr(example, { improvement: 'increase', target: NaN })).toThrow(RangeError);
	});
});

describe('xmr outside_limits', () => {
	const { upperLimit = NaN, lowerLimit = NaN } = after([0])[0] ?? {};

	it('flags points strictly beyond a limit', () => {
		const points = after([60, 0, -60]);
		expect(rulesOf(points)).toEqual([['outside_limits'], [], ['outside_limits']]);
		expect(typesOf(points)).toEqual([
			'special_cause_improvement',
			'common_cause',
			'special_cause_concern'
		]);
	});

	it('does not flag a point exactly on a limit', () => {
		expect(rulesOf(after([upperLimit, 0, lowerLimit]))).toEqual([[], [], []]);
		expect(rulesOf(after([upperLimit + 1e-9, 0, lowerLimit - 1e-9]))).toEqual([
			['outside_limits'],
			[],
			['outside_limits']
		]);
	});
});

describe('xmr trend', () => {
	it('flags 7 points each higher than the one before (6 rising differences)', () => {
		const points = after([-3, -2, -1, 0, 1, 2, 3, -20]);
		expect(rulesOf(points)).toEqual([...repeat(['trend'], 7), []]);
		// A rising trend is high even below the mean.
		expect(typesOf(points.slice(0, 7))).toEqual(repeat('special_cause_improvement', 7));
	});

	it('flags a falling trend as low', () => {
		const points = after([3, 2, 1, 0, -1, -2, -3]);
		expect(rulesOf(points)).toEqual(repeat(['trend'], 7));
		expect(typesOf(points)).toEqual(repeat('special_cause_concern', 7));
	});

	it('needs 7 points: 6 rising points are not a trend', () => {
		expect(rulesOf(after([-3, -2, -1, 1, 2, 3, -20]))).toEqual(repeat([], 7));
	});

	it('is broken by an equal value', () => {
		expect(rulesOf(after([-3, -2, -1, -1, 0, 1, 2, 3, -20]))).toEqual(repeat([], 9));
	});

	it('gives the junction of a rise and a fall to the later trend', () => {
		const points = after([-3, -2, -1, 0, 1, 2, 3, 2, 1, 0, -1, -2, -3]);
		expect(rulesOf(points)).toEqual(repeat(['trend'], 13));
		expect(typesOf(points)).toEqual([
			...repeat('special_cause_improvement', 6),
			...repeat('special_cause_concern', 7) // the peak, 3, belongs to the fall
		]);
	});
});

describe('xmr two_in_three', () => {
	const { upperNear = NaN } = after([0])[0] ?? {};

	it('flags only the close points of 3 on one side', () => {
		// 40 and 45 are between the near line (35.47) and the limit (53.2); 20 is not.
		const points = after([5, 40, 20, 45, -5]);
		expect(rulesOf(points)).toEqual([[], ['two_in_three'], [], ['two_in_three'], []]);
		expect(typesOf(points)).toEqual([
			'common_cause',
			'special_cause_improvement',
			'common_cause',
			'special_cause_improvement',
			'common_cause'
		]);
	});

	it('flags all three when all three are close, and below the mean as low', () => {
		const points = after([-40, -40, -40, 5]);
		expect(rulesOf(points)).toEqual([...repeat(['two_in_three'], 3), []]);
		expect(typesOf(points.slice(0, 3))).toEqual(repeat('special_cause_concern', 3));
	});

	it('gives no signal when the close points are on opposite sides', () => {
		expect(rulesOf(after([5, 40, -40, 5]))).toEqual(repeat([], 4));
		expect(rulesOf(after([40, 5, -40]))).toEqual(repeat([], 3));
	});

	it('gives no signal when a point of the three is on the mean', () => {
		expect(rulesOf(after([40, 0, 40, -5]))).toEqual(repeat([], 4));
	});

	it('does not count a point outside the limits as close', () => {
		expect(rulesOf(after([5, 40, 60, 5]))).toEqual([[], [], ['outside_limits'], []]);
	});

	it('does not count a point exactly on the near line as close', () => {
		expect(rulesOf(after([upperNear, upperNear, upperNear, -5]))).toEqual(repeat([], 4));
		const beyond = upperNear + 1e-9;
		expect(rulesOf(after([beyond, 5, beyond, -5]))).toEqual([
			['two_in_three'],
			[],
			['two_in_three'],
			[]
		]);
	});
});

describe('xmr shift', () => {
	it('flags 7 points on one side of the mean', () => {
		const points = after([1, 2, 1, 2, 1, 2, 1, -1]);
		expect(rulesOf(points)).toEqual([...repeat(['shift'], 7), []]);
		expect(typesOf(points.slice(0, 7))).toEqual(repeat('special_cause_improvement', 7));
	});

	it('flags every point of a longer run, below the mean as low', () => {
		const points = after([...repeat(-2, 9), 1]);
		expect(rulesOf(points)).toEqual([...repeat(['shift'], 9), []]);
		expect(typesOf(points.slice(0, 9))).toEqual(repeat('special_cause_concern', 9));
	});

	it('needs 7: 6 on one side are not a shift', () => {
		expect(rulesOf(after([1, 2, 1, 2, 1, 2, -1]))).toEqual(repeat([], 7));
	});

	it('is broken by a point exactly on the mean', () => {
		expect(rulesOf(after([1, 2, 1, 0, 2, 1, 2, 1, -1]))).toEqual(repeat([], 9));
	});
});

describe('xmr point type', () => {
	it('takes high or low from the first rule in the order outside, trend, two-in-three, shift', () => {
		// A fall from above the upper limit, all above the mean: 60 is outside (high); the rest are
		// a falling trend (low), though two_in_three (50, 40) and shift (all 7) would say high.
		const points = after([60, 50, 40, 30, 20, 10, 5, 20]);
		expect(rulesOf(points)).toEqual([
			['outside_limits', 'trend', 'shift'],
			['trend', 'two_in_three', 'shift'],
			['trend', 'two_in_three', 'shift'],
			['trend', 'shift'],
			['trend', 'shift'],
			['trend', 'shift'],
			['trend', 'shift'],
			['shift']
		]);
		// The closing 20 is only in the shift: high, by its side of the mean.
		expect(typesOf(points)).toEqual([
			'special_cause_improvement',
			...repeat('special_cause_concern', 6),
			'special_cause_improvement'
		]);
	});

	it('turns high and low into improvement or concern by the improvement direction', () => {
		const types = (improvement: Improvement) => typesOf(after([100, 0, -100], improvement));
		expect(types('increase')).toEqual([
			'special_cause_improvement',
			'common_cause',
			'special_cause_concern'
		]);
		expect(types('decrease')).toEqual([
			'special_cause_concern',
			'common_cause',
			'special_cause_improvement'
		]);
		expect(types('neutral')).toEqual([
			'special_cause_neutral_high',
			'common_cause',
			'special_cause_neutral_low'
		]);
	});

	it('reports the latest point as the variation', () => {
		const values = [...BASELINE, 0, 100];
		expect(xmr(values, { improvement: 'decrease', fixAfter: 12 }).variation).toBe(
			'special_cause_concern'
		);
		expect(xmr([...values, 0], { improvement: 'decrease', fixAfter: 12 }).variation).toBe(
			'common_cause'
		);
	});
});

describe('xmr segments', () => {
	it('computes mean and moving ranges inside each segment only', () => {
		const values = [0, 2, 0, 2, 0, 2, 100, 102, 100, 102, 100, 102];
		const { points } = xmr(values, { improvement: 'increase', rebaseAt: [6] });
		expect(points[0]?.mean).toBe(1);
		expect(points[6]?.mean).toBe(101);
		// MR̄ = 2 in each: the jump of 98 at the boundary is not a moving range.
		expect(points[0]?.upperLimit).toBeCloseTo(1 + 5.32, 10);
		expect(points[11]?.upperLimit).toBeCloseTo(101 + 5.32, 10);
		const whole = xmr(values, { improvement: 'increase' }).points[0];
		expect(whole?.upperLimit).toBeCloseTo(51 + (2.66 * (10 * 2 + 98)) / 11, 10);
	});

	it('does not let a trend cross a boundary', () => {
		const first = [3, -3, 3, -3, 3, -3, 3, -3, 1, 2, 3, 4];
		const second = [5, 6, 7, -3, 3, -3, 3, -3, 3, -3, 3, -3];
		const values = [...first, ...second];
		const whole = xmr(values, { improvement: 'increase' }).points;
		expect(rulesOf(whole.slice(8, 15)).every((r) => r.includes('trend'))).toBe(true);
		const rebased = xmr(values, { improvement: 'increase', rebaseAt: [12] }).points;
		expect(rebased.some((p) => p.rules.includes('trend'))).toBe(false);
	});

	it('does not let a shift cross a boundary', () => {
		// 4 points above the mean end the first segment, 3 start the second.
		const first = [10, -10, 10, -10, 10, -10, 10, -10, 1, 1, 1, 1];
		const second = [1, 1, 1, -10, 10, -10, 10, -10, 10, -10, 10, -10];
		const values = [...first, ...second];
		const whole = xmr(values, { improvement: 'increase' }).points;
		expect(rulesOf(whole.slice(8, 15))).toEqual(repeat(['shift'], 7));
		const rebased = xmr(values, { improvement: 'increase', rebaseAt: [12] }).points;
		expect(rebased.some((p) => p.rules.includes('shift'))).toBe(false);
	});

	it('does not let two-in-three cross a boundary', () => {
		// The first segment's limits are fixed on the alternating ±10 (near line 35.47); 5, 40 closing
		// it and the 40 opening the second would be three above the mean with two close.
		const first = [...BASELINE, 5, 40];
		const second = [40, 0, ...BASELINE];
		const values = [...first, ...second];
		const joined = xmr(values, { improvement: 'increase', fixAfter: 12 }).points;
		expect(joined[13]?.rules).toEqual(['two_in_three']);
		const rebased = xmr(values, { improvement: 'increase', fixAfter: 12, rebaseAt: [14] });
		expect(rebased.points[13]?.rules).toEqual([]);
		expect(rebased.points[14]?.rules).toEqual([]);
	});

	it('ignores 0, repeats, order and indices past the end in rebaseAt', () => {
		const values = [0, 2, 0, 2, 0, 2, 100, 102, 100, 102, 100, 102];
		const tidy = xmr(values, { improvement: 'increase', rebaseAt: [6] });
		const messy = xmr(values, { improvement: 'increase', rebaseAt: [12, 6, 0, 6, 40] });
		expect(messy).toEqual(tidy);
	});
});

describe('xmr assurance', () => {
	// Limits 3.52 and 19.48 (see "xmr limits").
	const example = [10, 13, 10, 13, 16, 13, 10, 13, 10, 7, 10, 13];
	const assurance = (improvement: Improvement, target?: number) =>
		xmr(example, { improvement, target }).assurance;
	const { upperLimit, lowerLimit } = xmr(example, { improvement: 'increase' }).points[0] ?? {};

	it('passes when improvement moves away from a target beyond the limits', () => {
		expect(assurance('increase', 3)).toBe('pass');
		expect(assurance('decrease', 20)).toBe('pass');
	});

	it('fails when the target is beyond the limits on the improvement side', () => {
		expect(assurance('increase', 20)).toBe('fail');
		expect(assurance('decrease', 3)).toBe('fail');
	});

	it('is hit and miss with the target between the limits or on one', () => {
		expect(assurance('increase', 11.5)).toBe('hit_and_miss');
		expect(assurance('decrease', 11.5)).toBe('hit_and_miss');
		expect(assurance('increase', lowerLimit)).toBe('hit_and_miss');
		expect(assurance('increase', upperLimit)).toBe('hit_and_miss');
		expect(assurance('decrease', lowerLimit)).toBe('hit_and_miss');
		expect(assurance('decrease', upperLimit)).toBe('hit_and_miss');
	});

	it('is none without a target or for a neutral measure', () => {
		expect(assurance('increase')).toBe('none');
		expect(assurance('neutral', 3)).toBe('none');
		expect(assurance('neutral', 20)).toBe('none');
	});

	it("uses the latest point's limits, so the latest segment's", () => {
		const values = [...example, ...example.map((v) => v + 100)];
		const result = xmr(values, { improvement: 'increase', target: 50, rebaseAt: [12] });
		expect(result.assurance).toBe('pass');
		expect(xmr(values, { improvement: 'increase', target: 50 }).assurance).toBe('hit_and_miss');
	});
});

/*
 * Run chart series written as patterns: '+' above the median, '-' below, '0' on it. Enough extra
 * zeros are added at the end (|n1 − n2| + 1 of them) for the median to be exactly 0 whatever the
 * split: sorted, the zeros then cover the middle. Zeros are not useful observations and neither
 * add to nor break a run, so they leave the runs and the split as the pattern has them.
 */
function fromPattern(pattern: string): number[] {
	const above = [...pattern].filter((c) => c === '+').length;
	const below = [...pattern].filter((c) => c === '-').length;
	const values = [...pattern].map((c) => (c === '+' ? 1 : c === '-' ? -1 : 0));
	return [...values, ...repeat(0, Math.abs(above - below) + 1)];
}

function runsOf(pattern: string) {
	const result = runChart(fromPattern(pattern));
	expect(result.median).toBe(0);
	return result;
}

describe('runChart median and useful observations', () => {
	it('takes the median of all points by default', () => {
		expect(runChart([5, 1, 4, 2, 3]).median).toBe(3);
		expect(runChart([5, 1, 4, 2]).median).toBe(3);
	});

	it('takes the median of the baseline points only', () => {
		const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 100, 100];
		expect(runChart(values, { baselinePoints: 10 }).median).toBe(5.5);
		expect(runChart(values, { baselinePoints: 50 }).median).toBe(7);
	});

	it('does not count points on the median as useful, nor let them break a run', () => {
		const result = runsOf('++0+--0-+');
		expect(result.usefulObservations).toBe(7);
		expect(result.runs).toBe(3);
	});

	it('counts the runs among useful observations', () => {
		expect(runsOf('+').runs).toBe(1);
		expect(runsOf('+-+').runs).toBe(3);
		expect(runsOf('++--++--').runs).toBe(4);
		expect(runsOf('+0-0+0-').runs).toBe(4);
	});

	it('handles an empty series and a single point', () => {
		expect(runChart([])).toEqual({
			median: NaN,
			points: [],
			runs: 0,
			usefulObservations: 0,
			runsSignal: 'insufficient_data'
		});
		expect(runChart([4])).toEqual({
			median: 4,
			points: [{ value: 4, rules: [] }],
			runs: 0,
			usefulObservations: 0,
			runsSignal: 'insufficient_data'
		});
	});

	it('refuses values and options it cannot chart', () => {
		expect(() => runChart([1, NaN])).toThrow(RangeError);
		expect(() => runChart([1, 2], { baselinePoints: 0 })).toThrow(RangeError);
		expect(() => runChart([1, 2], { baselinePoints: 1.5 })).toThrow(RangeError);
	});
});

describe('runChart shift and trend', () => {
	// Baseline 9, 1, … ends on 1 and has median 5; rules are read on what follows it.
	const baseline = [9, 1, 9, 1, 9, 1, 9, 1, 9, 1];
	const rulesAfter = (pattern: number[]) =>
		runChart([...baseline, ...pattern], { baselinePoints: 10 })
			.points.slice(10)
			.map((p) => p.rules);

	it('flags 6 useful points on one side; a point on the median is skipped, not flagged', () => {
		expect(rulesAfter([9, 9, 9, 5, 9, 9, 9, 1])).toEqual([
			...repeat(['shift'], 3),
			[],
			...repeat(['shift'], 3),
			[]
		]);
	});

	it('needs 6: 5 on one side are not a shift', () => {
		expect(rulesAfter([9, 9, 9, 5, 9, 9, 1])).toEqual(repeat([], 7));
	});

	it('flags 5 points going up or down', () => {
		// 9 → 2 falls, then 2…6 rises: 5 points.
		expect(rulesAfter([9, 2, 3, 4, 5, 6, 1])).toEqual([[], ...repeat(['trend'], 5), []]);
		// 1 → 8 rises, then 8…4 falls.
		expect(rulesAfter([8, 7, 6, 5, 4, 9])).toEqual([...repeat(['trend'], 5), []]);
	});

	it('needs 5: 4 points going up are not a trend', () => {
		expect(rulesAfter([9, 2, 3, 4, 5, 1])).toEqual(repeat([], 6));
	});

	it('counts a repeated equal value once', () => {
		// 2, 3, 3, 4, 5, 6 is five steps up: all six points are in the trend.
		expect(rulesAfter([9, 2, 3, 3, 4, 5, 6, 1])).toEqual([[], ...repeat(['trend'], 6), []]);
		// 2, 3, 3, 4, 5 is only four.
		expect(rulesAfter([9, 2, 3, 3, 4, 5, 1])).toEqual(repeat([], 7));
	});

	it('gives a point both rules when it is in both', () => {
		// Median (1 + 2) / 2 = 1.5: eight 1s below, eight points above; the 1s count once as the
		// first of nine steps up.
		const result = runChart([1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(result.median).toBe(1.5);
		expect(result.points.map((p) => p.rules)).toEqual(repeat(['shift', 'trend'], 16));
	});
});

describe('runChart runs test (exact Swed–Eisenhart, two-sided 5%)', () => {
	it('judges 5 above and 5 below: C(10, 5) = 252 orders', () => {
		// P(R = 2) = 2/252 ≈ 0.008 → too few; P(R ≤ 3) = (2 + 8)/252 ≈ 0.040 → not.
		expect(runsOf('+++++-----').runsSignal).toBe('too_few');
		expect(runsOf('++++-----+').runsSignal).toBe('none');
		// P(R = 10) = 2/252 → too many; P(R ≥ 9) = 10/252 → not.
		expect(runsOf('+-+-+-+-+-').runsSignal).toBe('too_many');
		expect(runsOf('+-+-+-+--+').runs).toBe(9);
		expect(runsOf('+-+-+-+--+').runsSignal).toBe('none');
	});

	it('judges 10 above and 10 below: C(20, 10) = 184756 orders', () => {
		// Orders with R = 2…7 runs: 2, 18, 162, 648, 2592, 6048. P(R ≤ 6) = 3422/184756 ≈ 0.0185
		// → too few (a table of 6 read as "fewer than 6" would not say so); P(R ≤ 7) ≈ 0.0513.
		const six = '+++++++' + '-------' + '+' + '--' + '++' + '-';
		const seven = '++++++' + '------' + '+' + '--' + '+' + '--' + '++';
		expect(runsOf(six).runs).toBe(6);
		expect(runsOf(six).runsSignal).toBe('too_few');
		expect(runsOf(seven).runs).toBe(7);
		expect(runsOf(seven).runsSignal).toBe('none');
		// The distribution is symmetric about 11: P(R ≥ 16) = 3422/184756 → too many.
		const sixteen = '+-+-+-+-+-+-+-' + '+++---';
		expect(runsOf(sixteen).runs).toBe(16);
		expect(runsOf(sixteen).runsSignal).toBe('too_many');
		const fifteen = '+-+-+-+-+-+-+' + '----' + '+++';
		expect(runsOf(fifteen).runs).toBe(15);
		expect(runsOf(fifteen).runsSignal).toBe('none');
	});

	it('uses the actual split: 15 above and 5 below, C(20, 5) = 15504 orders', () => {
		// Orders with R = 2…5: 2, 18, 112, 448. P(R ≤ 4) = 132/15504 ≈ 0.0085 → too few;
		// P(R ≤ 5) = 580/15504 ≈ 0.037 → not, though an even-split table for 20 says "fewer than 6".
		const four = '++++++++' + '--' + '+++++++' + '---';
		const five = '++++++' + '--' + '++++++' + '---' + '+++';
		expect(runsOf(four).runs).toBe(4);
		expect(runsOf(four).runsSignal).toBe('too_few');
		expect(runsOf(five).runs).toBe(5);
		expect(runsOf(five).runsSignal).toBe('none');
		// At most 11 runs are possible and P(R = 11) = 2002/15504 ≈ 0.13: never too many.
		const eleven = '+++' + '-' + '+++' + '-' + '++' + '-' + '++' + '-' + '++' + '-' + '+++';
		expect(runsOf(eleven).runs).toBe(11);
		expect(runsOf(eleven).runsSignal).toBe('none');
	});

	it('calls a tail probability of exactly 0.025 a signal (P ≤ 0.025, not P < 0.025)', () => {
		// 3 above, 14 below: C(17, 3) = 680 orders. R = 2: 2 × C(2, 0) × C(13, 0) = 2; R = 3:
		// C(2, 1) × C(13, 0) + C(2, 0) × C(13, 1) = 15. P(R ≤ 3) = 17/680 = 0.025 exactly.
		const three = '-------' + '+++' + '-------';
		expect(runsOf(three).runs).toBe(3);
		expect(runsOf(three).usefulObservations).toBe(17);
		expect(runsOf(three).runsSignal).toBe('too_few');
		// R = 4 adds 2 × C(2, 1) × C(13, 1) = 52: P(R ≤ 4) = 69/680 ≈ 0.10.
		expect(runsOf('----' + '++' + '------' + '+' + '----').runsSignal).toBe('none');
	});

	it('agrees with counting every order by brute force, for 10 to 14 useful points', () => {
		for (let n = 10; n <= 14; n++) {
			// tally[n1][r]: how many of the 2^n orders have n1 above and r runs; one example each.
			const tally = new Map<string, { count: number; pattern: string }>();
			for (let mask = 0; mask < 2 ** n; mask++) {
				const pattern = Array.from({ length: n }, (_, i) => ((mask >> i) & 1 ? '+' : '-')).join('');
				const above = [...pattern].filter((c) => c === '+').length;
				const runs = 1 + [...pattern].filter((c, i) => i > 0 && c !== pattern[i - 1]).length;
				const key = `${above}/${runs}`;
				const entry = tally.get(key);
				if (entry) entry.count++;
				else tally.set(key, { count: 1, pattern });
			}
			for (const [key, { pattern }] of tally) {
				const [above = 0, runs = 0] = key.split('/').map(Number);
				if (above === 0 || above === n) continue;
				let total = 0;
				let atMost = 0;
				let atLeast = 0;
				for (const [other, { count }] of tally) {
					const [otherAbove, otherRuns = 0] = other.split('/').map(Number);
					if (otherAbove !== above) continue;
					total += count;
					if (otherRuns <= runs) atMost += count;
					if (otherRuns >= runs) atLeast += count;
				}
				const expected =
					atMost / total <= 0.025 ? 'too_few' : atLeast / total <= 0.025 ? 'too_many' : 'none';
				expect(runsOf(pattern).runsSignal, `${pattern}`).toBe(expected);
			}
		}
	});

	it('says none when every useful point is on one side (one run; the shift rule speaks)', () => {
		const result = runChart([...repeat(1, 12), ...repeat(5, 12)], { baselinePoints: 12 });
		expect(result.median).toBe(1);
		expect(result.usefulObservations).toBe(12);
		expect(result.runsSignal).toBe('none');
		expect(result.points[23]?.rules).toEqual(['shift']);
	});
});

describe('runChart insufficient data', () => {
	it('gives no signals with fewer than 10 baseline points', () => {
		const nine = runChart([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(nine.runsSignal).toBe('insufficient_data');
		expect(nine.points.every((p) => p.rules.length === 0)).toBe(true);
		const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 9, 1, 9, 1, 9, 1, 9, 1, 9, 1];
		const short = runChart(values, { baselinePoints: 9 });
		expect(short.runsSignal).toBe('insufficient_data');
		expect(short.points.every((p) => p.rules.length === 0)).toBe(true);
		const enough = runChart(values, { baselinePoints: 10 });
		expect(enough.points[0]?.rules).toEqual(['trend']);
	});

	it('does not judge the runs with fewer than 10 useful observations', () => {
		expect(runsOf('+++++----').runsSignal).toBe('insufficient_data');
		expect(runsOf('+++++-----').runsSignal).toBe('too_few');
	});

	it('does not judge the runs with more than 40 useful observations, but keeps shift and trend', () => {
		expect(runsOf('+-'.repeat(20)).runsSignal).toBe('too_many');
		const long = runsOf('+-'.repeat(17) + '+++++++');
		expect(long.usefulObservations).toBe(41);
		expect(long.runsSignal).toBe('insufficient_data');
		expect(long.points[40]?.rules).toEqual(['shift']);
	});
});
