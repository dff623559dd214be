import type { ChartModel } from './chart';
import { toCsv } from './csv';
import { showCount, showsRate } from './suppression';

export const MEASURE_CSV_COLUMNS = [
	'period',
	'value',
	'numerator',
	'denominator',
	'mean',
	'lower_limit',
	'upper_limit',
	'signal'
] as const;

const round = (v: number | null) => (v === null ? '' : String(Math.round(v * 1000) / 1000));

/**
 * One row per period, as Life QI and spreadsheets read it: a week as its Monday, a month as
 * YYYY-MM. Exports always suppress counts of 1 to 4 (and a rate they would give away); a
 * missing period has an empty value.
 */
export function measureCsv(model: ChartModel, unit: 'percentage' | 'count'): string {
	// Talked through and teach-back: how many given records had the question not recorded.
	const notRecorded = model.rows.some((r) => r.notRecorded !== undefined);
	// Coverage when some wards entered no admissions: the wards it was counted over.
	const wards = model.rows.some((r) => r.wards !== undefined);
	const rows = model.rows.map((r) => {
		const visible =
			r.value !== null && (unit === 'count' || showsRate(r.numerator, r.denominator, false));
		return [
			r.period,
			!visible || r.value === null
				? ''
				: unit === 'count'
					? showCount(r.value, false)
					: round(r.value),
			showCount(r.numerator, false),
			r.denominator === null ? '' : showCount(r.denominator, false),
			round(r.centre),
			round(r.lower),
			round(r.upper),
			r.signal === null ? '' : [r.signal, ...r.rules].join(' '),
			...(notRecorded ? [showCount(r.notRecorded ?? 0, false)] : []),
			...(wards ? [r.wards?.entered ?? '', r.wards?.inScope ?? ''] : [])
		];
	});
	const header = [
		...MEASURE_CSV_COLUMNS,
		...(notRecorded ? ['not_recorded'] : []),
		...(wards ? ['wards_counted', 'wards_in_slice'] : [])
	];
	return toCsv([header, ...rows]);
}
