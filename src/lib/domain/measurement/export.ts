import { toCsv } from './csv';
import type { DisclosedChart } from './disclosure';
import type { MeasureId } from './measures';
import { periodStart, type PeriodKind } from './period';

/*
 * One measure as a spreadsheet reads it: one row per period, the period as an ISO date (a week
 * by its Monday, a month by its first day), numbers as numbers only — a hidden number is an
 * empty cell and the row says `suppressed` — and on every row the organisation, the measure and
 * the slice, so a ward's file cannot be taken for the whole organisation's. Exports always go
 * through disclosure control (`discloseChart` with raw counts off).
 */
export const MEASURE_CSV_COLUMNS = [
	'organisation',
	'measure',
	'unit',
	'ward',
	'patient_group',
	'format',
	'language',
	'period_type',
	'period_start',
	'value',
	'numerator',
	'denominator',
	'mean',
	'lower_limit',
	'upper_limit',
	'signal',
	'suppressed'
] as const;

/** Every filter's name; `all` where the slice is not filtered on it. */
export interface ExportSlice {
	ward: string;
	patientGroup: string;
	format: string;
	language: string;
}
export const ALL = 'all';

const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

export function measureCsv(
	chart: DisclosedChart,
	about: {
		organisation: string;
		measure: MeasureId;
		unit: 'percentage' | 'count';
		slice: ExportSlice;
		period: PeriodKind;
	}
): string {
	// Talked through and teach-back: how many given records had the question not recorded.
	const notRecorded = chart.rows.some((r) => r.notRecorded !== undefined);
	// Coverage when some wards entered no admissions: the wards it was counted over.
	const wards = chart.rows.some((r) => r.wards !== undefined);
	const rows = chart.rows.map((r) => {
		// The mean and limits of a segment are hidden when any judged value in it is.
		const suppressed =
			(chart.statsWithheld && r.centre === null) ||
			r.withheld.value ||
			r.withheld.numerator ||
			r.withheld.denominator ||
			r.notRecorded === null;
		return [
			about.organisation,
			about.measure,
			about.unit,
			about.slice.ward,
			about.slice.patientGroup,
			about.slice.format,
			about.slice.language,
			about.period,
			periodStart(r.period),
			round(r.value),
			r.numerator,
			r.denominator,
			round(r.centre),
			round(r.lower),
			round(r.upper),
			r.signal === null ? null : [r.signal, ...r.rules].join(' '),
			suppressed ? 'true' : 'false',
			...(notRecorded ? [r.notRecorded ?? null] : []),
			...(wards ? [r.wards?.entered ?? null, r.wards?.inScope ?? null] : [])
		];
	});
	const header = [
		...MEASURE_CSV_COLUMNS,
		...(notRecorded ? ['not_recorded'] : []),
		...(wards ? ['wards_counted', 'wards_in_slice'] : [])
	];
	return toCsv([header, ...rows]);
}
