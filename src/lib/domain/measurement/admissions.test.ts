import { describe, expect, it } from 'vitest';
import { AdmissionForm, AdmissionsImportAnswer, validateAdmissionsCsv } from './admissions';
import { parseCsv } from './csv';

const wards = new Map([
	['Ward 7', '11111111-1111-4111-8111-111111111111'],
	['Elm Ward', '22222222-2222-4222-8222-222222222222']
]);
/** The Monday of "this week" in these tests: every week above is past or current. */
const thisWeek = '2026-11-30';
const rowsOf = (text: string) => {
	const parsed = parseCsv(text);
	if (!parsed.ok) throw new Error('bad csv');
	return parsed.rows;
};

describe('admissions CSV import', () => {
	it('accepts a good file, ward names in any case', () => {
		const result = validateAdmissionsCsv(
			rowsOf('ward,week_start,admissions\r\nward 7,2026-11-16,31\r\nElm Ward,2026-11-16,0\r\n'),
			wards,
			thisWeek
		);
		expect(result).toEqual({
			ok: true,
			entries: [
				{ wardId: wards.get('Ward 7'), weekStart: '2026-11-16', admissions: 31 },
				{ wardId: wards.get('Elm Ward'), weekStart: '2026-11-16', admissions: 0 }
			]
		});
	});

	it('lists every problem by row and column, and gives no entries', () => {
		const result = validateAdmissionsCsv(
			rowsOf(
				[
					'ward,week_start,admissions',
					'Ward 7,2026-11-16,31',
					'Ward 99,2026-11-17,-3',
					'Elm Ward,2026-11-16,2.5',
					'Ward 7,2026-11-16,4',
					'Ward 7,2026-11-23'
				].join('\n')
			),
			wards,
			thisWeek
		);
		expect(result).toEqual({
			ok: false,
			errors: [
				{ row: 3, column: 'ward', problem: 'unknownWard' },
				{ row: 3, column: 'week_start', problem: 'weekStart' },
				{ row: 3, column: 'admissions', problem: 'admissions' },
				{ row: 4, column: 'admissions', problem: 'admissions' },
				{ row: 5, column: 'week_start', problem: 'repeated' },
				{ row: 6, column: 'file', problem: 'fieldCount' }
			]
		});
	});

	it('refuses a week that has not begun: this week is the last that may be entered', () => {
		const result = validateAdmissionsCsv(
			rowsOf(
				'ward,week_start,admissions\nWard 7,2026-11-30,12\nWard 7,2026-12-07,5\nElm Ward,2030-01-07,3'
			),
			wards,
			thisWeek
		);
		expect(result).toEqual({
			ok: false,
			errors: [
				{ row: 3, column: 'week_start', problem: 'futureWeek' },
				{ row: 4, column: 'week_start', problem: 'futureWeek' }
			]
		});
	});

	it('refuses a file with the wrong header or no rows', () => {
		expect(
			validateAdmissionsCsv(rowsOf('ward,week,count\nWard 7,2026-11-16,3'), wards, thisWeek)
		).toEqual({
			ok: false,
			errors: [{ row: 1, column: 'file', problem: 'header' }]
		});
		expect(validateAdmissionsCsv(rowsOf('ward,week_start,admissions\n'), wards, thisWeek)).toEqual({
			ok: false,
			errors: [{ row: 0, column: 'file', problem: 'empty' }]
		});
		expect(validateAdmissionsCsv([], wards, thisWeek)).toMatchObject({ ok: false });
	});
});

describe('admissions form', () => {
	const ok = { wardId: wards.get('Ward 7'), weekStart: '2026-11-23', admissions: '12' };
	it('takes a Monday and a whole number', () => {
		expect(AdmissionForm.parse(ok)).toEqual({ ...ok, admissions: 12, was: null });
	});
	it('reads the number a replace question was asked about, and none when not asked', () => {
		expect(AdmissionForm.parse({ ...ok, was: '120' }).was).toBe(120);
		expect(AdmissionForm.parse({ ...ok, was: '' }).was).toBeNull();
		expect(AdmissionForm.safeParse({ ...ok, was: 'x' }).error?.issues[0]?.path).toEqual(['was']);
	});
	it('refuses another day, a negative or a fraction, naming the field', () => {
		for (const [field, value] of [
			['weekStart', '2026-11-24'],
			['admissions', '-1'],
			['admissions', '1.5'],
			['admissions', '10001'],
			['wardId', 'nope'],
			['was', '-1']
		] as const) {
			const result = AdmissionForm.safeParse({ ...ok, [field]: value });
			expect(result.success).toBe(false);
			expect(result.error?.issues[0]?.path).toEqual([field]);
		}
	});
});

describe('the import’s question answered', () => {
	const entry = { wardId: wards.get('Ward 7'), weekStart: '2026-11-23', admissions: 130 };
	it('reads the entries sent back, each with the number its week held when asked', () => {
		const entries = [
			{ ...entry, was: 120 },
			{ ...entry, weekStart: '2026-11-16', was: null }
		];
		expect(AdmissionsImportAnswer.parse({ entries: JSON.stringify(entries) }).entries).toEqual(
			entries
		);
	});
	it('refuses anything else as the file', () => {
		for (const text of ['not json', '[]', JSON.stringify([{ ...entry, was: -1 }])]) {
			const result = AdmissionsImportAnswer.safeParse({ entries: text });
			expect(result.error?.issues[0]?.path[0]).toBe('entries');
		}
	});
});
