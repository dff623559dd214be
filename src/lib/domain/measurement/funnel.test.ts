import { describe, expect, it } from 'vitest';
import { funnelLimits, funnelPlot, funnelPosition } from './funnel';

/*
 * Published worked example: Public Health England's own expected limits for its funnel plot of
 * proportions (PHEindicatormethods, tests/testthat/testdata_funnel_prop_outputs.csv, the
 * Fingertips method), for a baseline of 80.642448%, to six decimal places.
 */
const baseline = 0.80642448;
const published: Array<
	[n: number, lower95: number, upper95: number, lower998: number, upper998: number]
> = [
	[3, 35.933491, 100, 10.150815, 100],
	[10, 56.154344, 100, 42.03259, 100],
	[18, 62.390093, 98.894803, 51.864359, 100],
	[41, 68.548635, 92.73626, 61.574398, 99.710497],
	[50, 69.691035, 91.593861, 63.375595, 97.909301],
	[102, 72.974925, 88.309971, 68.553233, 92.731663],
	[1008, 78.203374, 83.081521, 76.796814, 84.488082],
	[110000, 80.408963, 80.875933, 80.274317, 81.010578]
];

describe('funnelLimits', () => {
	it.each(published)('at n = %i matches PHE’s published limits', (n, l95, u95, l998, u998) => {
		const limits = funnelLimits(baseline, n);
		expect(limits.lower95).toBeCloseTo(l95, 5);
		expect(limits.upper95).toBeCloseTo(u95, 5);
		expect(limits.lower998).toBeCloseTo(l998, 5);
		expect(limits.upper998).toBeCloseTo(u998, 5);
	});

	it('clips to 0–100% where the quadratic would leave it (PHE: n = 1, 2 → 99.8% lower 0)', () => {
		expect(funnelLimits(baseline, 1).lower998).toBe(0);
		expect(funnelLimits(baseline, 1).upper95).toBe(100);
		expect(funnelLimits(baseline, 1).lower95).toBeCloseTo(3.204264, 5);
	});

	it('narrows as the denominator grows, and the 99.8% limits lie outside the 95%', () => {
		let last = funnelLimits(0.5, 5);
		for (const n of [10, 50, 200, 1000]) {
			const l = funnelLimits(0.5, n);
			expect(l.upper95 - l.lower95).toBeLessThan(last.upper95 - last.lower95);
			expect(l.lower998).toBeLessThan(l.lower95);
			expect(l.upper998).toBeGreaterThan(l.upper95);
			last = l;
		}
	});

	it('for large n agrees with the normal approximation θ ± z√(θ(1−θ)/n) (Spiegelhalter 2005)', () => {
		const n = 100_000;
		const sd = Math.sqrt((0.3 * 0.7) / n) * 100;
		expect(funnelLimits(0.3, n).upper95).toBeCloseTo(30 + 1.96 * sd, 2);
		expect(funnelLimits(0.3, n).lower998).toBeCloseTo(30 - 3.09 * sd, 2);
	});
});

describe('funnelPosition', () => {
	it('places rates against each pair of limits, on a limit counting as within', () => {
		// n = 50 around 80.642448%: 95% 69.69–91.59, 99.8% 63.38–97.91.
		expect(funnelPosition(40, 50, baseline)).toBe('within'); // 80%
		expect(funnelPosition(34, 50, baseline)).toBe('below95'); // 68%
		expect(funnelPosition(31, 50, baseline)).toBe('below998'); // 62%
		expect(funnelPosition(47, 50, baseline)).toBe('above95'); // 94%
		expect(funnelPosition(49, 50, baseline)).toBe('above998'); // 98%
	});
});

describe('funnelPlot', () => {
	it('pools the units’ rate and judges each against it', () => {
		const plot = funnelPlot([
			{ id: 'a', name: 'A', numerator: 80, denominator: 100 },
			{ id: 'b', name: 'B', numerator: 30, denominator: 100 },
			{ id: 'c', name: 'C', numerator: 0, denominator: 0 }
		]);
		expect(plot?.centre).toBe(55);
		expect(plot?.units.map((u) => [u.id, u.position])).toEqual([
			['a', 'above998'],
			['b', 'below998']
		]);
		expect(plot?.curve[0]?.n).toBe(1);
		expect(plot?.curve.at(-1)?.n).toBe(110);
	});

	it('has nothing to plot without a denominator', () => {
		expect(funnelPlot([{ id: 'a', name: 'A', numerator: 0, denominator: 0 }])).toBeNull();
	});
});
