import { describe, expect, it } from 'vitest';
import { buildChart } from './chart';
import { parseCsv } from './csv';
import { measureCsv } from './export';
import { measures } from './measures';

describe('measure CSV', () => {
	it('has one row per period with limits, and suppresses small counts', () => {
		const model = buildChart(
			[
				{ period: '2026-11-09', value: 50, numerator: 10, denominator: 20 },
				{ period: '2026-11-16', value: null, numerator: 0, denominator: 0 },
				{ period: '2026-11-23', value: 75, numerator: 3, denominator: 4 }
			],
			measures.talkedThrough,
			{ chart: 'xmr', baselinePoints: null, rebaseAt: [] }
		);
		const parsed = parseCsv(measureCsv(model, 'percentage'));
		expect(parsed.ok && parsed.rows).toEqual([
			[
				'period',
				'value',
				'numerator',
				'denominator',
				'mean',
				'lower_limit',
				'upper_limit',
				'signal'
			],
			['2026-11-09', '50', '10', '20', '62.5', '0', '100', 'common'],
			['2026-11-16', '', '0', '0', '', '', '', ''],
			['2026-11-23', '', '<5', '<5', '62.5', '0', '100', 'common']
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
		const parsed = parseCsv(measureCsv(model, 'percentage'));
		const rows = parsed.ok ? parsed.rows : [];
		expect(rows[0]?.at(-1)).toBe('not_recorded');
		expect(rows.slice(1).map((r) => r.at(-1))).toEqual(['7', '<5']);
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
		const parsed = parseCsv(measureCsv(model, 'percentage'));
		const rows = parsed.ok ? parsed.rows : [];
		expect(rows.map((r) => r.slice(-2))).toEqual([
			['wards_counted', 'wards_in_slice'],
			['', ''],
			['1', '2']
		]);
	});
});
