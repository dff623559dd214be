import { isSmall, rateShown, WITHHELD } from '../measurement/disclosure';

/*
 * A lesson's before and after figures, as another organisation may see them. The sharing
 * organisation's own lead sees its counts as counted (as on its own charts); everyone else sees
 * counts of 1 to 4 withheld, and a percentage only when neither its numerator, its denominator
 * nor their difference is withheld (rules.ts, `rateShown`): "3 of 40" would give away one
 * patient group's handful of patients, and "7.5%" of 40 gives away the 3. A count beside its
 * denominator gives away their difference too, so it is withheld when that is from 1 to 4, or
 * when the denominator is: "38 of 40" says that 2 were not (as on the charts, chart.ts).
 *
 * Example: before 3 of 40, after 30 of 41, shown elsewhere as [c] of 40 (no rate), 30 of 41 (73%);
 * 38 of 40 as [c] of 40.
 */

export interface LessonCount {
	numerator: number;
	/** null for a count measure (deliveries). */
	denominator: number | null;
}

export interface ShownLessonCount {
	numerator: number | typeof WITHHELD;
	denominator: number | typeof WITHHELD | null;
	/** A whole percentage, or null when there is none or it is withheld. */
	percent: number | null;
}

export function discloseLessonCount(count: LessonCount, own: boolean): ShownLessonCount {
	const { numerator, denominator } = count;
	const percent =
		denominator && denominator > 0 ? Math.round((100 * numerator) / denominator) : null;
	if (own) return { numerator, denominator, percent };
	const hide = (n: number, alsoWhen = false) => (isSmall(n) || alsoWhen ? WITHHELD : n);
	return {
		numerator: hide(
			numerator,
			denominator !== null && (isSmall(denominator) || isSmall(denominator - numerator))
		),
		denominator: denominator === null ? null : hide(denominator),
		percent: denominator !== null && rateShown(numerator, denominator) ? percent : null
	};
}
