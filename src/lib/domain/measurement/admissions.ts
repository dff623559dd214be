import { z } from 'zod';
import { Id, IsoDate } from '../ids';
import { isMonday } from './period';

/*
 * Admissions, the denominator of coverage: one whole number per ward per ISO week, keyed by the
 * week's Monday. Entered by hand (ward staff for their ward, leads for any ward) or imported as
 * CSV from the hospital's system (layout in docs/measurement.md).
 */
export const MAX_ADMISSIONS = 10_000;
export const MAX_IMPORT_ROWS = 5000;

const WeekStart = IsoDate.refine(isMonday, { error: 'admissions.errors.weekStart' });
const Count = z
	.number({ error: 'admissions.errors.admissions' })
	.int({ error: 'admissions.errors.admissions' })
	.min(0, { error: 'admissions.errors.admissions' })
	.max(MAX_ADMISSIONS, { error: 'admissions.errors.admissions' });

export const AdmissionEntry = z.strictObject({
	wardId: Id,
	weekStart: WeekStart,
	admissions: Count
});
export type AdmissionEntry = z.infer<typeof AdmissionEntry>;

/** The hand-entry form: every field's error names the field. */
export const AdmissionForm = z.strictObject({
	wardId: z.uuid({ error: 'admissions.errors.wardId' }),
	weekStart: z.iso.date({ error: 'admissions.errors.weekStart' }).refine(isMonday, {
		error: 'admissions.errors.weekStart'
	}),
	admissions: z
		.string()
		.trim()
		.regex(/^\d+$/, { error: 'admissions.errors.admissions' })
		.transform(Number)
		.pipe(Count),
	/**
	 * The number the ward's week held when the person was asked to replace it (a hidden field of
	 * the question); absent or empty when they were not asked: a number held then is not replaced.
	 */
	was: z
		.string()
		.trim()
		.regex(/^\d*$/, { error: 'admissions.errors.admissions' })
		.optional()
		.transform((v) => (v ? Number(v) : null))
});

/**
 * The import's question answered: the file's entries as checked, each with the number its week
 * held when asked (null: none), sent back as JSON in a hidden field so the file need not be
 * chosen again.
 */
export const AdmissionsImportAnswer = z.strictObject({
	entries: z
		.string({ error: 'admissions.errors.file' })
		.transform((text, ctx) => {
			try {
				return JSON.parse(text) as unknown;
			} catch {
				ctx.addIssue({ code: 'custom', message: 'admissions.errors.file' });
				return z.NEVER;
			}
		})
		.pipe(
			z
				.array(AdmissionEntry.extend({ was: Count.nullable() }), {
					error: 'admissions.errors.file'
				})
				.min(1, { error: 'admissions.errors.file' })
				.max(MAX_IMPORT_ROWS, { error: 'admissions.errors.file' })
		)
});

export const ADMISSIONS_CSV_COLUMNS = ['ward', 'week_start', 'admissions'] as const;

export interface ImportError {
	/** The line of the file, the header being line 1; 0 for the file as a whole. */
	row: number;
	column: (typeof ADMISSIONS_CSV_COLUMNS)[number] | 'file';
	problem:
		| 'header'
		| 'empty'
		| 'tooMany'
		| 'unclosedQuote'
		| 'fieldCount'
		| 'unknownWard'
		| 'weekStart'
		| 'futureWeek'
		| 'admissions'
		| 'repeated';
}

/**
 * Validates a whole parsed CSV file before anything is written: every problem in every row is
 * reported, and only a file with none gives entries. Ward names match case-insensitively. A
 * week starting after `thisWeek` (the Monday of the organisation's current week) has not begun.
 */
export function validateAdmissionsCsv(
	rows: readonly string[][],
	wardIdsByName: ReadonlyMap<string, string>,
	thisWeek: string
): { ok: true; entries: AdmissionEntry[] } | { ok: false; errors: ImportError[] } {
	const [header, ...body] = rows.filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
	if (!header) return { ok: false, errors: [{ row: 0, column: 'file', problem: 'empty' }] };
	if (header.map((h) => h.trim().toLowerCase()).join(',') !== ADMISSIONS_CSV_COLUMNS.join(','))
		return { ok: false, errors: [{ row: 1, column: 'file', problem: 'header' }] };
	if (body.length === 0)
		return { ok: false, errors: [{ row: 0, column: 'file', problem: 'empty' }] };
	if (body.length > MAX_IMPORT_ROWS)
		return { ok: false, errors: [{ row: 0, column: 'file', problem: 'tooMany' }] };

	const errors: ImportError[] = [];
	const entries: AdmissionEntry[] = [];
	const seen = new Set<string>();
	const byName = new Map([...wardIdsByName].map(([name, id]) => [name.trim().toLowerCase(), id]));
	body.forEach((fields, index) => {
		const row = index + 2;
		if (fields.length !== ADMISSIONS_CSV_COLUMNS.length) {
			errors.push({ row, column: 'file', problem: 'fieldCount' });
			return;
		}
		const [ward = '', weekStart = '', admissions = ''] = fields.map((f) => f.trim());
		const wardId = byName.get(ward.toLowerCase());
		if (!wardId) errors.push({ row, column: 'ward', problem: 'unknownWard' });
		const week = WeekStart.safeParse(weekStart);
		if (!week.success) errors.push({ row, column: 'week_start', problem: 'weekStart' });
		else if (week.data > thisWeek)
			errors.push({ row, column: 'week_start', problem: 'futureWeek' });
		const count = /^\d+$/.test(admissions) ? Count.safeParse(Number(admissions)) : null;
		if (!count?.success) errors.push({ row, column: 'admissions', problem: 'admissions' });
		if (!wardId || !week.success || week.data > thisWeek || !count?.success) return;
		const key = `${wardId}/${week.data}`;
		if (seen.has(key)) {
			errors.push({ row, column: 'week_start', problem: 'repeated' });
			return;
		}
		seen.add(key);
		entries.push({ wardId, weekStart: week.data, admissions: count.data });
	});
	return errors.length ? { ok: false, errors } : { ok: true, entries };
}
