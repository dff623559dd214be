/*
 * Funnel plots: each organisation's rate against the region's, plotted by its denominator, with
 * control limits that narrow as the denominator grows (Spiegelhalter, "Funnel plots for comparing
 * institutional performance", Statistics in Medicine 2005; 24:1185–1202).
 *
 * Method: the one Public Health England's Fingertips uses for proportions ("Technical Guide:
 * funnel plots", APHO/PHE; implemented in PHE's PHEindicatormethods, `phe_funnels` and
 * `phe_funnel_significance`). The limit at denominator n is the proportion p whose Wilson score
 * interval at n just reaches the region's rate θ: solving (p − θ)² = z²·θ(1 − θ)/n … exactly,
 * the Wilson quadratic for p gives
 *
 *     a = θ(n/z² + 1)
 *     d = √( (8a)² − 64(1/z² + 1/n)·θ·(n(θ(n/z² + 2) − 1) + z²(θ − 1)) )
 *     limit = ((a ∓ d/8) / (1/z² + 1/n)) / n
 *
 * with z = Φ⁻¹(0.975) for the 95% limits and z = Φ⁻¹(0.999) for the 99.8% limits (two-sided:
 * 2.5% and 0.1% beyond each), clipped to 0–100%. Unlike the plain normal approximation
 * θ ± z√(θ(1 − θ)/n) it stays inside 0–100% and is asymmetric near the ends, as the binomial is.
 * Worked example (PHE's own test data, funnel.test.ts): θ = 80.642448%, n = 50 → 95% limits
 * 69.691035% and 91.593861%, 99.8% limits 63.375595% and 97.909301%.
 *
 * A rate is "above" a limit when strictly above it, "below" when strictly below (as PHE's
 * significance test); on a limit is within.
 */

/** Φ⁻¹(0.975) and Φ⁻¹(0.999), to the precision R's `qnorm` gives. */
export const Z95 = 1.959963984540054;
export const Z998 = 3.090232306167813;

export interface FunnelLimits {
	/** Percentages, 0–100. */
	lower95: number;
	upper95: number;
	lower998: number;
	upper998: number;
}

/** One limit at denominator `n` for the regional proportion `theta` (0–1), as a percentage. */
export function funnelLimit(theta: number, n: number, z: number, side: 'lower' | 'upper') {
	const z2 = z * z;
	const a = theta * (n / z2 + 1);
	const d = Math.sqrt(
		(-8 * a) ** 2 -
			64 * (1 / z2 + 1 / n) * theta * (n * (theta * (n / z2 + 2) - 1) + z2 * (theta - 1))
	);
	const last = 1 / z2 + 1 / n;
	const p = ((side === 'lower' ? a - d / 8 : a + d / 8) / last / n) * 100;
	return Math.min(100, Math.max(0, p));
}

export function funnelLimits(theta: number, n: number): FunnelLimits {
	return {
		lower95: funnelLimit(theta, n, Z95, 'lower'),
		upper95: funnelLimit(theta, n, Z95, 'upper'),
		lower998: funnelLimit(theta, n, Z998, 'lower'),
		upper998: funnelLimit(theta, n, Z998, 'upper')
	};
}

export type FunnelPosition = 'above998' | 'above95' | 'within' | 'below95' | 'below998';

/** Where a rate (numerator of denominator) falls against the limits around `theta` (0–1). */
export function funnelPosition(numerator: number, denominator: number, theta: number) {
	const rate = (100 * numerator) / denominator;
	const l = funnelLimits(theta, denominator);
	if (rate < l.lower998) return 'below998';
	if (rate < l.lower95) return 'below95';
	if (rate > l.upper998) return 'above998';
	if (rate > l.upper95) return 'above95';
	return 'within';
}

export interface FunnelUnit {
	id: string;
	name: string;
	numerator: number;
	denominator: number;
}

export interface FunnelPlot<U extends FunnelUnit = FunnelUnit> {
	/** The pooled rate, Σ numerators ÷ Σ denominators, as a percentage. */
	centre: number;
	units: Array<U & { rate: number; position: FunnelPosition; limits: FunnelLimits }>;
	/** The limits at denominators from 1 to the largest (about 60 steps, spaced geometrically). */
	curve: Array<{ n: number } & FunnelLimits>;
}

/** The funnel plot of units with a denominator; null when there is none. */
export function funnelPlot<U extends FunnelUnit>(units: readonly U[]): FunnelPlot<U> | null {
	const counted = units.filter((u) => u.denominator > 0);
	const numerator = counted.reduce((s, u) => s + u.numerator, 0);
	const denominator = counted.reduce((s, u) => s + u.denominator, 0);
	if (denominator === 0) return null;
	const theta = numerator / denominator;
	const largest = Math.max(...counted.map((u) => u.denominator));
	const steps = 60;
	const ns = new Set<number>();
	for (let i = 0; i <= steps; i++)
		ns.add(Math.max(1, Math.round(Math.pow(largest * 1.1, i / steps))));
	return {
		centre: (100 * numerator) / denominator,
		units: counted.map((u) => ({
			...u,
			rate: (100 * u.numerator) / u.denominator,
			position: funnelPosition(u.numerator, u.denominator, theta),
			limits: funnelLimits(theta, u.denominator)
		})),
		curve: [...ns].sort((a, b) => a - b).map((n) => ({ n, ...funnelLimits(theta, n) }))
	};
}
