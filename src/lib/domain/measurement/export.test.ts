import { describe, expect, it } from 'vitest';
import { buildChart } from './chart';
import { parseCsv } from './csv';
import { discloseChart } from './disclosure';
import { ALL, measureCsv } from './export';
import { measures, type MeasurePoint } from './measures';

const settings = { chart: 'xmr' as const, baselinePoints: null, rebaseAt: [] };
const about = {
	organisation: '=Demo Trust',
	measure: 'talkedThrough' as const,
	unit: 'percentage' as const,
	slice: { ward: 'Ward 7', patientGroup: ALL, format: ALL, language: ALL },
	period: 'week' as const
};
const csvOf = (points: MeasurePoint[]) => {
	const parsed = parseCsv(
		measureCsv(
			discloseChart(buildChart(points, measures.talkedThrough, settings), 'percentage', false),
			about
		)
	);
	if (!parsed.ok) throw new Error('unreadable');
	return parsed.rows;
};

describe('measure CSV', () => {
	it('names the organisation, measure and slice on every row, dates in ISO, numbers as numbers', () => {
		const rows = csvOf([
			{ period: '2026-11-09', value: 50, numerator: 10, denominator: 20 },
			{ period: '2026-11-16', value: null, numerator: 0, denominator: 0 },
			{ period: '2026-11-23', value: 75, numerator: 15, denominator: 20 }
		]);
		expect(rows).toEqual([
			[
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
			],
			[
				"'=Demo Trust",
				'talkedThrough',
				'percentage',
				'Ward 7',
				'all',
				'all',
				'all',
				'week',
				'2026-11-09',
				'50',
				'10',
				'20',
				'62.5',
				'0',
				'100',
				'common',
				'false'
			],
			[
				"'=Demo Trust",
				'talkedThrough',
				'percentage',
				'Ward 7',
				'all',
				'all',
				'all',
				'week',
				'2026-11-16',
				'',
				'0',
				'0',
				'',
				'',
				'',
				'',
				'false'
			],
			[
				"'=Demo Trust",
				'talkedThrough',
				'percentage',
				'Ward 7',
				'all',
				'all',
				'all',
				'week',
				'2026-11-23',
				'75',
				'15',
				'20',
				'62.5',
				'0',
				'100',
				'common',
				'false'
			]
		]);
	});

	it('adds how many were not recorded, for a measure that has answers left unanswered', () => {
		const model = buildChart(
			[
				{ period: '2026-11-09', value: 50, numerator: 10, denominator: 20, notRecorded: 7 },
				{ period: '2026-11-16', value: 60, numerator: 12, denominator: 20, notRecorded: 2 }
			],
			measures.teachBack,
			{ chart: 'run', baselinePoints: null, rebaseAt: [] }
		);
		const parsed = parseCsv(measureCsv(discloseChart(model, 'percentage', false), about));
		const rows = parsed.ok ? parsed.rows : [];
		expect(rows[0]?.at(-1)).toBe('not_recorded');
		expect(rows.slice(1).map((r) => r.at(-1))).toEqual(['7', '']);
	});

	it('names the wards coverage was counted over when some entered no admissions', () => {
		const model = buildChart(
			[
				{ period: '2026-11-09', value: 50, numerator: 10, denominator: 20 },
				{
					period: '2026-11-16',
					value: 75,
					numerator: 15,
					denominator: 20,
					wards: { entered: 1, inScope: 2 }
				}
			],
			measures.coverage,
			{ chart: 'run', baselinePoints: null, rebaseAt: [] }
		);
		const parsed = parseCsv(measureCsv(discloseChart(model, 'percentage', false), about));
		const rows = parsed.ok ? parsed.rows : [];
		expect(rows.map((r) => r.slice(-2))).toEqual([
			['wards_counted', 'wards_in_slice'],
			['', ''],
			['1', '2']
		]);
	});

	it('writes a month as its first day', () => {
		const parsed = parseCsv(
			measureCsv(
				discloseChart(
					buildChart(
						[{ period: '2026-11', value: 50, numerator: 10, denominator: 20 }],
						measures.talkedThrough,
						settings
					),
					'percentage',
					false
				),
				{ ...about, period: 'month' }
			)
		);
		expect(parsed.ok && parsed.rows[1]?.slice(7, 9)).toEqual(['month', '2026-11-01']);
	});

	// Leak: every cell said "<5" but the mean (times the number of periods) gave the total back.
	it('gives neither a hidden value nor a mean or limit worked out from one', () => {
		const rows = csvOf([
			{ period: '2026-11-09', value: 50, numerator: 2, denominator: 4 },
			{ period: '2026-11-16', value: 100, numerator: 3, denominator: 3 }
		]);
		for (const row of rows.slice(1)) {
			expect(row.slice(9, 15)).toEqual(['', '', '', '', '', '']);
			expect(row.at(-1)).toBe('true');
		}
	});
});
