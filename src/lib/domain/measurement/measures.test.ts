import { describe, expect, it } from 'vitest';
import {
	computeSeries,
	coverageAvailable,
	hasData,
	latestValue,
	type SeriesInput
} from './measures';

const base: SeriesInput = {
	deliveries: [],
	feedback: [],
	admissions: [],
	preferredFormats: new Map([
		['g1', ['easyRead', 'faceToFace']],
		['g2', ['video']]
	]),
	kind: 'week',
	slice: {},
	from: '2026-11-09',
	to: '2026-11-26'
};

const cell = (day: string, patientGroupId: string, format: string, n: number, given = n) => ({
	day,
	patientGroupId,
	format,
	total: n,
	given,
	talkedThrough: Math.floor(given / 2),
	talkedThroughAnswered: given,
	teachBack: 1,
	teachBackAnswered: given
});

describe('computeSeries', () => {
	it('lists every week in range and leaves a week with no denominator missing, not zero', () => {
		const series = computeSeries({
			...base,
			deliveries: [cell('2026-11-24', 'g1', 'easyRead', 4)],
			admissions: [{ weekStart: '2026-11-23', admissions: 8 }]
		});
		expect(series.coverage.map((p) => p.period)).toEqual([
			'2026-11-09',
			'2026-11-16',
			'2026-11-23'
		]);
		expect(series.coverage.map((p) => p.value)).toEqual([null, null, 50]);
		expect(series.talkedThrough.map((p) => p.value)).toEqual([null, null, 50]);
		expect(series.deliveries.map((p) => p.value)).toEqual([0, 0, 4]);
	});

	it('leaves a question not recorded out of both sides of the rate, and says how many', () => {
		const series = computeSeries({
			...base,
			deliveries: [
				// 10 given: talked through answered for 4 (3 yes), teach-back answered for none.
				{
					...cell('2026-11-24', 'g1', 'easyRead', 10),
					talkedThrough: 3,
					talkedThroughAnswered: 4,
					teachBack: 0,
					teachBackAnswered: 0
				}
			]
		});
		const talked = series.talkedThrough.at(-1);
		expect(talked).toMatchObject({ value: 75, numerator: 3, denominator: 4, notRecorded: 6 });
		// Nothing answered: missing, not 0%, and all ten not recorded.
		const teachBack = series.teachBack.at(-1);
		expect(teachBack).toMatchObject({ value: null, denominator: 0, notRecorded: 10 });
		expect(series.formatFit.at(-1)?.denominator).toBe(10);
	});

	it('counts coverage over the same wards when some entered no admissions for a week', () => {
		const series = computeSeries({
			...base,
			// Ward 7 gave 15 and entered 20; Ward 12 gave 10 and entered nothing that week.
			deliveries: [cell('2026-11-24', 'g1', 'easyRead', 25)],
			admissions: [
				{ weekStart: '2026-11-16', admissions: 10, wardId: 'w7' },
				{ weekStart: '2026-11-16', admissions: 10, wardId: 'w12' },
				{ weekStart: '2026-11-23', admissions: 20, wardId: 'w7' }
			],
			wardsInScope: 2,
			uncovered: [{ day: '2026-11-24', given: 10 }]
		});
		expect(series.coverage.at(-1)).toMatchObject({
			value: 75,
			numerator: 15,
			denominator: 20,
			wards: { entered: 1, inScope: 2 }
		});
		// Both wards entered the week before: no note.
		expect(series.coverage.at(-2)?.wards).toBeUndefined();
		// The other measures still count every ward's records.
		expect(series.deliveries.at(-1)?.value).toBe(25);
	});

	it('says a month was counted over the fewest wards of any of its weeks', () => {
		const series = computeSeries({
			...base,
			kind: 'month',
			from: '2026-11-01',
			to: '2026-11-30',
			deliveries: [cell('2026-11-10', 'g1', 'easyRead', 8)],
			admissions: [
				{ weekStart: '2026-11-09', admissions: 10, wardId: 'w7' },
				{ weekStart: '2026-11-09', admissions: 10, wardId: 'w12' },
				{ weekStart: '2026-11-16', admissions: 10, wardId: 'w7' }
			],
			wardsInScope: 2,
			uncovered: []
		});
		expect(series.coverage.at(-1)).toMatchObject({
			numerator: 8,
			denominator: 30,
			wards: { entered: 1, inScope: 2 }
		});
	});

	it('counts only briefings given in the denominator of format fit and talked through', () => {
		const series = computeSeries({
			...base,
			deliveries: [
				cell('2026-11-23', 'g1', 'easyRead', 3),
				cell('2026-11-24', 'g1', 'video', 1),
				cell('2026-11-25', 'g2', 'video', 4, 2) // two declined
			]
		});
		const week = series.formatFit.at(-1);
		expect(week).toEqual({
			period: '2026-11-23',
			value: (100 * 5) / 6,
			numerator: 5,
			denominator: 6
		});
		expect(series.deliveries.at(-1)?.value).toBe(8);
	});

	it('has no coverage for a group, format or language slice, even with admissions', () => {
		expect(coverageAvailable({ wardIds: ['w'] })).toBe(true);
		expect(coverageAvailable({ formats: ['video'] })).toBe(false);
		const series = computeSeries({
			...base,
			slice: { patientGroupIds: ['g1'] },
			deliveries: [cell('2026-11-24', 'g1', 'easyRead', 4)],
			admissions: [{ weekStart: '2026-11-23', admissions: 8 }]
		});
		expect(series.coverage.every((p) => p.value === null)).toBe(true);
	});

	it('counts FFT "don’t know" in the denominator of feedback positive', () => {
		const series = computeSeries({
			...base,
			feedback: [
				{ day: '2026-11-24', overallAnswered: 4, overallPositive: 3, helpAnswered: 2, helpYes: 1 }
			]
		});
		expect(series.feedbackPositive.at(-1)?.value).toBe(75);
		expect(series.knowsHowToGetHelp.at(-1)?.value).toBe(50);
		expect(series.feedbackPositive[0]?.value).toBeNull();
	});

	it('gives a month the admissions of the weeks whose Monday falls in it', () => {
		const series = computeSeries({
			...base,
			kind: 'month',
			from: '2026-10-01',
			to: '2026-11-30',
			deliveries: [
				cell('2026-11-02', 'g1', 'easyRead', 5),
				cell('2026-10-31', 'g1', 'easyRead', 1)
			],
			admissions: [
				{ weekStart: '2026-10-26', admissions: 2 }, // Monday in October
				{ weekStart: '2026-11-02', admissions: 10 }
			]
		});
		expect(series.coverage.map((p) => [p.period, p.value])).toEqual([
			['2026-10', 50],
			['2026-11', 50]
		]);
	});

	it('finds the latest value and whether there is anything to chart', () => {
		const empty = computeSeries(base);
		expect(hasData(empty.deliveries)).toBe(false);
		expect(hasData(empty.coverage)).toBe(false);
		expect(latestValue(empty.coverage)).toBeUndefined();
		const some = computeSeries({ ...base, deliveries: [cell('2026-11-10', 'g2', 'video', 2)] });
		expect(hasData(some.formatFit)).toBe(true);
		expect(latestValue(some.formatFit)?.period).toBe('2026-11-09');
	});

	it('marks the week holding today in progress, and prefers a complete week as the latest', () => {
		const series = computeSeries({
			...base,
			today: '2026-11-26',
			deliveries: [cell('2026-11-17', 'g2', 'video', 6), cell('2026-11-24', 'g2', 'video', 1)]
		});
		expect(series.deliveries.map((p) => Boolean(p.inProgress))).toEqual([false, false, true]);
		expect(latestValue(series.deliveries)).toMatchObject({ period: '2026-11-16', value: 6 });
		const onlyThisWeek = computeSeries({
			...base,
			today: '2026-11-26',
			deliveries: [cell('2026-11-24', 'g2', 'video', 1)]
		});
		expect(latestValue(onlyThisWeek.formatFit)).toMatchObject({
			period: '2026-11-23',
			inProgress: true
		});
		const month = computeSeries({ ...base, kind: 'month', today: '2026-11-26' });
		expect(month.deliveries.map((p) => [p.period, Boolean(p.inProgress)])).toEqual([
			['2026-11', true]
		]);
	});
});
