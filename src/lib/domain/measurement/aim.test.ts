import { describe, expect, it } from 'vitest';
import {
	AimForm,
	AnnotationForm,
	ChartSettingsForm,
	aimProgress,
	baselinePointsRange
} from './aim';

describe('aim form', () => {
	const ok = {
		title: 'Easy read for all',
		measure: 'formatFit',
		target: '90',
		dueBy: '2027-03-31'
	};
	it('takes a good aim, all wards and groups when none chosen', () => {
		expect(AimForm.parse(ok)).toEqual({ ...ok, target: 90, wardIds: [], patientGroupIds: [] });
	});
	it('names each bad field', () => {
		const result = AimForm.safeParse({
			title: ' ',
			measure: 'deliveries',
			target: '120',
			dueBy: 'soon'
		});
		expect(result.error?.issues.map((i) => i.path[0])).toEqual([
			'title',
			'measure',
			'target',
			'dueBy'
		]);
	});
	it('takes a target above 0 only: an aim of 0% is met before it starts', () => {
		expect(AimForm.safeParse({ ...ok, target: '0' }).error?.issues[0]?.path).toEqual(['target']);
		expect(AimForm.parse({ ...ok, target: '0.5' }).target).toBe(0.5);
	});
});

describe('aim progress', () => {
	it('is met at or over the target, missed after the date, otherwise not yet', () => {
		expect(aimProgress(90, 90, '2027-03-31', '2026-11-26')).toBe('met');
		expect(aimProgress(80, 90, '2027-03-31', '2026-11-26')).toBe('notYet');
		expect(aimProgress(80, 90, '2026-03-31', '2026-11-26')).toBe('missed');
		expect(aimProgress(null, 90, '2027-03-31', '2026-11-26')).toBe('noData');
	});
});

describe('chart settings and annotations', () => {
	it('reads rebase dates as a sorted list and needs 12 or more baseline points', () => {
		expect(
			ChartSettingsForm.parse({
				chart: 'run',
				baselinePoints: '',
				rebaseAt: '2026-06-01, 2026-01-05'
			})
		).toEqual({
			chart: 'run',
			baselinePoints: null,
			rebaseAt: ['2026-01-05', '2026-06-01']
		});
		expect(
			ChartSettingsForm.safeParse({ chart: 'xmr', baselinePoints: '11', rebaseAt: '' }).error
				?.issues[0]?.path
		).toEqual(['baselinePoints']);
		expect(
			ChartSettingsForm.safeParse({ chart: 'xmr', baselinePoints: '', rebaseAt: 'June' }).error
				?.issues[0]?.path
		).toEqual(['rebaseAt']);
	});
	it('takes a baseline within its bounds only, the bounds its message names', () => {
		const baseline = (typed: string) =>
			ChartSettingsForm.safeParse({ chart: 'xmr', baselinePoints: typed, rebaseAt: '' }).error
				?.issues[0]?.message ?? 'ok';
		expect(baselinePointsRange).toEqual({ min: 12, max: 500 });
		expect(['12', '500'].map(baseline)).toEqual(['ok', 'ok']);
		for (const typed of ['11', '501', '999999', '2.5', 'abc'])
			expect(baseline(typed), typed).toBe('settings.errors.baselinePoints');
	});
	it('takes an annotation with or without a ward', () => {
		expect(
			AnnotationForm.parse({ onDate: '2026-11-02', text: 'Easy read leaflets started', wardId: '' })
		).toEqual({
			onDate: '2026-11-02',
			text: 'Easy read leaflets started',
			wardId: null
		});
		expect(
			AnnotationForm.safeParse({ onDate: '2026-11-02', text: '', wardId: '' }).error?.issues[0]
				?.path
		).toEqual(['text']);
	});
});
