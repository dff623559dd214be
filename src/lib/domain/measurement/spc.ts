/*
 * Statistical process control: the XmR chart of NHS England's "Making Data Count" (MDC) and the
 * IHI run chart, as specified in MEASUREMENT.md.
 *
 * XmR (`xmr`). The series is cut into segments at `rebaseAt`; each segment is worked out on its
 * own, as if the others did not exist. Its baseline is all of its points, or the first `fixAfter`.
 * From the baseline: mean x̄, moving ranges MR_i = |x_i − x_{i−1}| and their mean MR̄ (with
 * `screenOutliers`, moving ranges ≥ 3.267 × MR̄ are dropped once and MR̄ recomputed). Limits are
 * x̄ ± 2.66 × MR̄ and the near (2-sigma) lines x̄ ± (2/3 × 2.66) × MR̄. Then four rules, every
 * point of a qualifying sequence flagged:
 *   outside_limits  strictly beyond a limit (on the limit is not a signal);
 *   trend           7 points each strictly higher (or each strictly lower) than the one before;
 *   two_in_three    3 consecutive points strictly on one side of the mean, at least 2 of them
 *                   "close" (strictly beyond the near line, not outside the limits): the close
 *                   ones are flagged;
 *   shift           7 or more consecutive points strictly on one side of the mean.
 * The first rule a point has, in that order, says whether it is high or low: a trend by its
 * direction (the point where a rise turns into a fall takes the later trend), the others by the
 * point's side of the mean. The improvement direction turns high/low into improvement/concern.
 *
 * Run chart (`runChart`). Median of the first `baselinePoints` (default all). Points on the median
 * are not useful observations and are skipped, neither extending nor breaking a run. shift: 6 or
 * more useful points in a row on one side; trend: 5 or more points each higher (or each lower)
 * than the one before, a repeated equal value counted once. The number of runs is judged with the
 * exact Swed–Eisenhart distribution: for n1 useful points above and n2 below, N = n1 + n2, of the
 * C(N, n1) equally likely orders the number with exactly r runs is
 *   r = 2k:     2 × C(n1−1, k−1) × C(n2−1, k−1)
 *   r = 2k + 1: C(n1−1, k) × C(n2−1, k−1) + C(n1−1, k−1) × C(n2−1, k)
 * Convention (two-sided 5%): too_few when P(R ≤ r) ≤ 0.025, too_many when P(R ≥ r) ≤ 0.025; a
 * tail of exactly 0.025 does occur (3 above, 14 below, 3 runs: 17/680) and is a signal. The
 * counts are exact integers in a double: each is at most C(40, 20) ≈ 1.4 × 10¹¹ and we compare
 * 40 × count with the total rather than dividing. With the actual n1 and n2 this can differ by
 * one from the IHI table (Perla et al.), which assumes an even split and reads its limits as
 * "fewer than" / "more than": for 10 above and 10 below, 6 runs has P(R ≤ 6) = 3422/184756 ≈
 * 0.0185, so it is too_few here, where a table of 6 read as "fewer than 6" would not say so.
 *
 * Invariants: no calculation or rule crosses a segment boundary, so xmr of a concatenation
 * rebased at the joins equals the concatenation of xmr of the parts; a point has no rule if and
 * only if it is common_cause; scaling the values by k > 0 scales mean and limits by k; the two
 * rule sets are never mixed (MDC: mean, 7 and 7; IHI: median, 6 and 5).
 *
 * Example (MDC): 10 13 10 13 16 13 10 13 10 7 10 13 → x̄ = 138/12 = 11.5, every MR is 3 so
 * MR̄ = 3, limits 11.5 ± 7.98 = 3.52 and 19.48, near lines 11.5 ± 5.32 = 6.18 and 16.82, and
 * nothing is special cause. Example (IHI): 5 points above the median then 5 below is 2 runs;
 * P(R ≤ 2) = 2/C(10, 5) = 2/252 ≈ 0.008 → too_few.
 *
 * Percentages: only the drawn limits are clipped to 0–100, and the chart does that when drawing.
 * The values here stay unclipped because the rules must use them.
 *
 * Sources: NHS England, "Making Data Count" (2019) and its SPC Excel tools; the NHS-R Community's
 * NHSRplotthedots (R) ptd_spc_standard.R and ptd_calculate_point_type.R, the reference we must
 * agree with; Swed F.S., Eisenhart C., "Tables for testing randomness of grouping in a sequence
 * of alternatives", Ann. Math. Statist. 14 (1943) 66–87; Perla R.J., Provost L.P., Murray S.K.,
 * "The run chart", BMJ Qual Saf 20 (2011) 46–51 (IHI rules); Anhøj J., Olesen A.V., "Run charts
 * revisited", PLoS ONE 9 (2014) e113825.
 */

export type Improvement = 'increase' | 'decrease' | 'neutral';

export interface XmrOptions {
	improvement: Improvement;
	/** For assurance. */
	target?: number;
	/** Lock the limits on the first N points of each segment (an integer, N >= 12). */
	fixAfter?: number;
	/** Indices where a new segment starts (a change was made); 0 and any past the end do nothing. */
	rebaseAt?: number[];
	/** Default false, as the MDC Excel tools. */
	screenOutliers?: boolean;
}

export type PointType =
	| 'common_cause'
	| 'special_cause_improvement'
	| 'special_cause_concern'
	| 'special_cause_neutral_high'
	| 'special_cause_neutral_low';

type XmrRule = 'outside_limits' | 'trend' | 'two_in_three' | 'shift';

export interface XmrPoint {
	value: number;
	mean: number;
	upperLimit: number;
	lowerLimit: number;
	/** The 2-sigma lines. */
	upperNear: number;
	lowerNear: number;
	type: PointType;
	/** Every rule the point is part of, in the order outside_limits, trend, two_in_three, shift. */
	rules: XmrRule[];
}

export interface XmrResult {
	points: XmrPoint[];
	/** The latest point's type (common_cause when there are no points). */
	variation: PointType;
	assurance: 'pass' | 'fail' | 'hit_and_miss' | 'none';
	/** few_points: a segment's baseline has fewer than 12 points. */
	warnings: Array<'few_points'>;
}

export interface RunChartResult {
	/** NaN when there are no points. */
	median: number;
	points: Array<{ value: number; rules: Array<'shift' | 'trend'> }>;
	runs: number;
	usefulObservations: number;
	runsSignal: 'too_few' | 'too_many' | 'none' | 'insufficient_data';
}

const LIMIT = 2.66;
// Written as NHSRplotthedots writes it, so the near lines agree to the last bit.
const NEAR = 2 * (LIMIT / 3);
const SCREEN = 3.267;
const MIN_BASELINE = 12;
const XMR_RUN = 7;
const RUN_SHIFT = 6;
const RUN_TREND = 5;
const RUN_MIN_BASELINE = 10;
const RUNS_MIN_USEFUL = 10;
const RUNS_MAX_USEFUL = 40;

function assertFinite(values: readonly number[]): void {
	values.forEach((v, i) => {
		if (!Number.isFinite(v)) throw new RangeError(`value ${i} is not a finite number: ${v}`);
	});
}

/**
 * Mean with one correcting pass, as R's mean() does (R sums in long double). Without it a constant
 * series such as 0.1 × 7 gets a mean one ulp off its value, and every point looks "below the mean".
 */
function meanOf(values: readonly number[]): number {
	let sum = 0;
	for (const v of values) sum += v;
	const rough = sum / values.length;
	let residual = 0;
	for (const v of values) residual += v - rough;
	return rough + residual / values.length;
}

/** [start, end) of each segment, in order; empty when there are no values. */
function segmentBounds(length: number, rebaseAt: readonly number[] = []): Array<[number, number]> {
	for (const index of rebaseAt) {
		if (!Number.isInteger(index) || index < 0) {
			throw new RangeError(`rebaseAt must hold whole indices >= 0, got ${index}`);
		}
	}
	const starts = [...new Set(rebaseAt)].filter((i) => i > 0 && i < length).sort((a, b) => a - b);
	const edges = [0, ...starts, length];
	const bounds: Array<[number, number]> = [];
	for (let i = 0; i + 1 < edges.length; i++) {
		const start = edges[i] ?? 0;
		const end = edges[i + 1] ?? length;
		if (end > start) bounds.push([start, end]);
	}
	return bounds;
}

interface Lines {
	mean: number;
	upperLimit: number;
	lowerLimit: number;
	upperNear: number;
	lowerNear: number;
}

function linesOf(baseline: readonly number[], screenOutliers: boolean): Lines {
	const mean = meanOf(baseline);
	const ranges: number[] = [];
	for (let i = 1; i < baseline.length; i++) {
		ranges.push(Math.abs((baseline[i] ?? 0) - (baseline[i - 1] ?? 0)));
	}
	// One point has no moving range: its limits close onto the mean (and few_points is raised).
	let averageRange = ranges.length > 0 ? meanOf(ranges) : 0;
	// With MR̄ = 0 every range would be "≥ 3.267 × MR̄"; there is nothing to screen.
	if (screenOutliers && averageRange > 0) {
		const cut = SCREEN * averageRange;
		averageRange = meanOf(ranges.filter((r) => r < cut));
	}
	return {
		mean,
		upperLimit: mean + LIMIT * averageRange,
		lowerLimit: mean - LIMIT * averageRange,
		upperNear: mean + NEAR * averageRange,
		lowerNear: mean - NEAR * averageRange
	};
}

function pointType(high: boolean, improvement: Improvement): PointType {
	if (improvement === 'neutral') {
		return high ? 'special_cause_neutral_high' : 'special_cause_neutral_low';
	}
	return high === (improvement === 'increase')
		? 'special_cause_improvement'
		: 'special_cause_concern';
}

/** The points of one segment; knows nothing of the rest of the series. */
function xmrSegment(
	values: readonly number[],
	options: XmrOptions
): { points: XmrPoint[]; fewPoints: boolean } {
	const n = values.length;
	const baselineLength = Math.min(options.fixAfter ?? n, n);
	const lines = linesOf(values.slice(0, baselineLength), options.screenOutliers ?? false);
	const { mean, upperLimit, lowerLimit, upperNear, lowerNear } = lines;

	const side = values.map((v) => Math.sign(v - mean));
	const outside = values.map((v) => v > upperLimit || v < lowerLimit);
	const close = values.map((v, i) => !outside[i] && (v > upperNear || v < lowerNear));

	// Trend: a maximal stretch of same-sign differences j = a..b covers points a−1..b. Stretches
	// are visited left to right, so the later trend overwrites the shared point at a junction.
	const trend = new Array<number>(n).fill(0);
	for (let a = 1; a < n;) {
		const sign = Math.sign((values[a] ?? 0) - (values[a - 1] ?? 0));
		let b = a;
		while (b + 1 < n && Math.sign((values[b + 1] ?? 0) - (values[b] ?? 0)) === sign) b++;
		if (sign !== 0 && b - a + 1 >= XMR_RUN - 1) trend.fill(sign, a - 1, b + 1);
		a = b + 1;
	}

	const twoInThree = new Array<boolean>(n).fill(false);
	for (let i = 0; i + 2 < n; i++) {
		const s = side[i];
		if (s === 0 || side[i + 1] !== s || side[i + 2] !== s) continue;
		const window = [i, i + 1, i + 2];
		if (window.filter((j) => close[j]).length < 2) continue;
		for (const j of window) if (close[j]) twoInThree[j] = true;
	}

	const shift = new Array<boolean>(n).fill(false);
	for (let a = 0; a < n;) {
		let b = a;
		while (b + 1 < n && side[b + 1] === side[a]) b++;
		if (side[a] !== 0 && b - a + 1 >= XMR_RUN) shift.fill(true, a, b + 1);
		a = b + 1;
	}

	const points = values.map((value, i): XmrPoint => {
		const rules: XmrRule[] = [];
		if (outside[i]) rules.push('outside_limits');
		if (trend[i] !== 0) rules.push('trend');
		if (twoInThree[i]) rules.push('two_in_three');
		if (shift[i]) rules.push('shift');
		const first = rules[0];
		const high = first === 'trend' ? (trend[i] ?? 0) > 0 : (side[i] ?? 0) > 0;
		const type = first === undefined ? 'common_cause' : pointType(high, options.improvement);
		return { value, ...lines, type, rules };
	});
	return { points, fewPoints: baselineLength < MIN_BASELINE };
}

function assuranceOf(last: XmrPoint | undefined, options: XmrOptions): XmrResult['assurance'] {
	const { target, improvement } = options;
	if (last === undefined || target === undefined || improvement === 'neutral') return 'none';
	const increase = improvement === 'increase';
	if (target < last.lowerLimit) return increase ? 'pass' : 'fail';
	if (target > last.upperLimit) return increase ? 'fail' : 'pass';
	return 'hit_and_miss';
}

/** The XmR chart of MDC: limits, near lines, rule flags and point types, per segment. */
export function xmr(values: readonly number[], options: XmrOptions): XmrResult {
	assertFinite(values);
	const { fixAfter, target } = options;
	if (fixAfter !== undefined && (!Number.isInteger(fixAfter) || fixAfter < MIN_BASELINE)) {
		throw new RangeError(`fixAfter must be a whole number >= ${MIN_BASELINE}, got ${fixAfter}`);
	}
	if (target !== undefined && !Number.isFinite(target)) {
		throw new RangeError(`target must be a finite number, got ${target}`);
	}
	const points: XmrPoint[] = [];
	let fewPoints = false;
	for (const [start, end] of segmentBounds(values.length, options.rebaseAt)) {
		const segment = xmrSegment(values.slice(start, end), options);
		points.push(...segment.points);
		fewPoints ||= segment.fewPoints;
	}
	const last = points.at(-1);
	return {
		points,
		variation: last?.type ?? 'common_cause',
		assurance: assuranceOf(last, options),
		warnings: fewPoints ? ['few_points'] : []
	};
}

function medianOf(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const upper = sorted[middle] ?? NaN;
	return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? NaN) + upper) / 2;
}

/** C(n, k), exact for the sizes used here (n <= 40). */
function choose(n: number, k: number): number {
	if (k < 0 || k > n) return 0;
	let c = 1;
	// Each step is C(n, i + 1) = C(n, i) × (n − i) / (i + 1), a whole number at every step.
	for (let i = 0; i < Math.min(k, n - k); i++) c = (c * (n - i)) / (i + 1);
	return c;
}

/** How many of the C(n1 + n2, n1) orders of n1 "above" and n2 "below" have exactly r runs. */
function ordersWithRuns(n1: number, n2: number, r: number): number {
	const k = Math.floor(r / 2);
	if (r % 2 === 0) return 2 * choose(n1 - 1, k - 1) * choose(n2 - 1, k - 1);
	return choose(n1 - 1, k) * choose(n2 - 1, k - 1) + choose(n1 - 1, k - 1) * choose(n2 - 1, k);
}

/** Exact two-sided 5% Swed–Eisenhart test of the observed number of runs. */
function runsTest(n1: number, n2: number, runs: number): 'too_few' | 'too_many' | 'none' {
	// All on one side: one order, one run, nothing to judge (the shift rule speaks for it).
	if (n1 === 0 || n2 === 0) return 'none';
	const total = choose(n1 + n2, n1);
	let atMost = 0;
	let atLeast = 0;
	for (let r = 2; r <= n1 + n2; r++) {
		const orders = ordersWithRuns(n1, n2, r);
		if (r <= runs) atMost += orders;
		if (r >= runs) atLeast += orders;
	}
	// P ≤ 0.025 ⇔ 40 × count ≤ total, kept in whole numbers.
	if (atMost * 40 <= total) return 'too_few';
	if (atLeast * 40 <= total) return 'too_many';
	return 'none';
}

/** The IHI run chart: median, shift and trend flags, and the runs test. */
export function runChart(
	values: readonly number[],
	options: { baselinePoints?: number } = {}
): RunChartResult {
	assertFinite(values);
	const { baselinePoints } = options;
	if (baselinePoints !== undefined && (!Number.isInteger(baselinePoints) || baselinePoints < 1)) {
		throw new RangeError(`baselinePoints must be a whole number >= 1, got ${baselinePoints}`);
	}
	const n = values.length;
	const baselineLength = Math.min(baselinePoints ?? n, n);
	const median = medianOf(values.slice(0, baselineLength));
	const enough = baselineLength >= RUN_MIN_BASELINE;

	const side = values.map((v) => Math.sign(v - median));
	const useful: number[] = [];
	side.forEach((s, i) => {
		if (s !== 0) useful.push(i);
	});

	const shift = new Array<boolean>(n).fill(false);
	let runs = 0;
	for (let a = 0; a < useful.length;) {
		let b = a;
		const s = side[useful[a] ?? 0];
		while (b + 1 < useful.length && side[useful[b + 1] ?? 0] === s) b++;
		runs++;
		if (b - a + 1 >= RUN_SHIFT) for (let j = a; j <= b; j++) shift[useful[j] ?? 0] = true;
		a = b + 1;
	}

	// Trend: collapse repeated equal values into one step, then look for 5 or more steps going
	// the same way; every point of those steps (repeats included) is part of the trend.
	const trend = new Array<boolean>(n).fill(false);
	const steps: Array<[number, number]> = []; // [first index, last index] of equal neighbours
	for (let i = 0; i < n; i++) {
		const last = steps.at(-1);
		if (last !== undefined && values[i] === values[last[1]]) last[1] = i;
		else steps.push([i, i]);
	}
	const direction = (k: number) =>
		Math.sign((values[steps[k]?.[0] ?? 0] ?? 0) - (values[steps[k - 1]?.[0] ?? 0] ?? 0));
	for (let a = 1; a < steps.length;) {
		let b = a;
		while (b + 1 < steps.length && direction(b + 1) === direction(a)) b++;
		if (b - a + 2 >= RUN_TREND) {
			trend.fill(true, steps[a - 1]?.[0] ?? 0, (steps[b]?.[1] ?? 0) + 1);
		}
		a = b + 1;
	}

	const points = values.map((value, i) => {
		const rules: Array<'shift' | 'trend'> = [];
		if (enough && shift[i]) rules.push('shift');
		if (enough && trend[i]) rules.push('trend');
		return { value, rules };
	});

	const usefulObservations = useful.length;
	const above = useful.filter((i) => (side[i] ?? 0) > 0).length;
	const runsSignal =
		!enough || usefulObservations < RUNS_MIN_USEFUL || usefulObservations > RUNS_MAX_USEFUL
			? 'insufficient_data'
			: runsTest(above, usefulObservations - above, runs);
	return { median, points, runs, usefulObservations, runsSignal };
}
