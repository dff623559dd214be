import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import {
	AdmissionForm,
	AdmissionsImportAnswer,
	validateAdmissionsCsv,
	type AdmissionEntry
} from '$lib/domain/measurement/admissions';
import { parseCsv } from '$lib/domain/measurement/csv';
import { mayEditContent, type StaffAccount } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { Id, IsoDate } from '$lib/domain/ids';
import { PageQuery, pageWindow, pagingOf } from '$lib/domain/pagination';
import { parseQuery } from '$lib/server/http/parse-query';
import {
	countAdmissions,
	listAdmissions,
	saveAdmissions,
	type SaveAdmissionsResult
} from '$lib/server/repositories/admissions';
import { wardIdsByNameOrCode } from '$lib/domain/administration';
import { listWardRows } from '$lib/server/administration/wards';
import { readForm } from '$lib/server/http/body-limit';
import { weekStartOf } from '$lib/domain/measurement/period';
import { organisationToday } from '$lib/server/repositories/organisations';
import { noteOwnWrite } from '$lib/server/db/read-replica';
import { fileFrom } from '$lib/server/media/uploads';

/** A CSV from a hospital system is small; anything bigger than this is not an admissions file. */
const MAX_FILE_BYTES = 1_000_000;

function requireLead(locals: App.Locals, url: URL): StaffAccount {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayEditContent(user.role)) forbidden();
	return user;
}

/** Admissions a page; the pages reach back to the first week entered. */
const PER_PAGE = 20;

/**
 * The list's page, and one ward's weeks or (none, or "All wards": empty) every ward's; `for`
 * and `week`: a ward's week to fill the form with (a link to check a week's admissions).
 */
const AdmissionsQuery = PageQuery.extend({
	ward: z.union([z.literal(''), Id]).optional(),
	for: Id.optional().catch(undefined),
	week: IsoDate.optional().catch(undefined)
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLead(locals, url);
	const query = parseQuery(url, AdmissionsQuery);
	const { db } = locals.app;
	// Retired wards too, for the list: their weeks before they closed can still need a look.
	const allWards = await listWardRows(db, user.organisationId);
	const wardId = query.ward || null;
	if (wardId && !allWards.some((w) => w.id === wardId)) error(404, { message: 'notFound' });
	const total = await countAdmissions(db, user.organisationId, { wardId });
	const slice = pageWindow(query.page, total, PER_PAGE);
	const recent = await listAdmissions(db, user.organisationId, { wardId, ...slice });
	return {
		titleKey: 'measure:admissions.title',
		wards: allWards.filter((w) => !w.retiredAt).map((w) => ({ id: w.id, name: w.name })),
		listWards: allWards.map((w) => ({ id: w.id, name: w.name })),
		wardId,
		recent,
		paging: pagingOf(slice, recent.length),
		fill: query.for ? { wardId: query.for, weekStart: query.week ?? '' } : null
	};
};

/** What the import says it did: the rows, and the weeks added, replaced and already the same. */
function imported(result: Extract<SaveAdmissionsResult, { status: 'saved' }>, rows: number) {
	const { added, replaced, unchanged } = result;
	return { form: 'import' as const, saved: rows, added, replacedWeeks: replaced.length, unchanged };
}

/**
 * The import's question: the weeks it would replace, and the file's entries as checked, each
 * with the number its week holds now, to be sent back as the answer.
 */
function askToReplace(
	entries: readonly AdmissionEntry[],
	result: Extract<SaveAdmissionsResult, { status: 'replaces' }>
) {
	const held = new Map(result.replaces.map((r) => [`${r.wardId}/${r.weekStart}`, r.held]));
	return fail(409, {
		form: 'import' as const,
		replacing: result.replaces,
		adding: entries.length - result.replaces.length,
		answer: JSON.stringify(
			entries.map((e) => ({ ...e, was: held.get(`${e.wardId}/${e.weekStart}`) ?? null }))
		)
	});
}

/** A file refused whole as it is written: a ward retired, or a week begun, meanwhile. */
const importRefused = (status: 'futureWeek' | 'wardNotAllowed') =>
	fail(400, {
		form: 'import' as const,
		importErrors: [
			{
				row: 0,
				column: 'file' as const,
				problem: status === 'futureWeek' ? ('futureWeek' as const) : ('unknownWard' as const)
			}
		]
	});

export const actions: Actions = {
	enter: async ({ locals, url, request, cookies }) => {
		const user = requireLead(locals, url);
		const form = await readForm(request);
		const values = formValues(AdmissionForm, form);
		const parsed = parseForm(AdmissionForm, form);
		if (!parsed.ok) return fail(400, { form: 'enter', errors: parsed.errors, values });
		const result = await saveAdmissions(locals.app.db, user, [parsed.data], 'form');
		// A different number held: asked first, and asked again if it changed since.
		if (result.status === 'replaces')
			return fail(409, { form: 'enter', asking: result.replaces[0], values });
		if (result.status !== 'saved')
			return fail(400, {
				form: 'enter',
				errors: [
					result.status === 'futureWeek'
						? { field: 'weekStart', message: 'admissions.errors.futureWeek' }
						: { field: 'wardId', message: 'admissions.errors.wardNotAllowed' }
				],
				values
			});
		noteOwnWrite(locals.app, cookies);
		return { form: 'enter', saved: 1, replaced: result.replaced[0] ?? null };
	},
	import: async ({ locals, url, request, cookies }) => {
		const user = requireLead(locals, url);
		const file = fileFrom(await readForm(request), 'file');
		const refused = (message: string) =>
			fail(400, {
				form: 'import',
				errors: [{ field: 'file', message: `admissions.errors.${message}` }]
			});
		if (file === null) return refused('file');
		if (file === 'empty') return refused('fileEmpty');
		if (file.size > MAX_FILE_BYTES) return refused('fileTooBig');
		const csv = parseCsv(await file.text());
		if (!csv.ok)
			return fail(400, {
				form: 'import',
				importErrors: [{ row: csv.row, column: 'file', problem: 'unclosedQuote' }]
			});
		// Retired wards too: a file may hold the weeks before a ward closed.
		const wards = await listWardRows(locals.app.db, user.organisationId);
		const thisWeek = weekStartOf(await organisationToday(locals.app.db, user.organisationId));
		const checked = validateAdmissionsCsv(csv.rows, wardIdsByNameOrCode(wards), thisWeek);
		if (!checked.ok) return fail(400, { form: 'import', importErrors: checked.errors });
		// Checked again as it is written: a ward retired meanwhile refuses the file whole.
		// Weeks already holding another number are asked about before anything is written.
		const result = await saveAdmissions(locals.app.db, user, checked.entries, 'csv');
		if (result.status === 'replaces') return askToReplace(checked.entries, result);
		if (result.status !== 'saved') return importRefused(result.status);
		noteOwnWrite(locals.app, cookies);
		return imported(result, checked.entries.length);
	},
	/** The import's question answered: its entries, checked again as they are written. */
	importReplacing: async ({ locals, url, request, cookies }) => {
		const user = requireLead(locals, url);
		const parsed = parseForm(AdmissionsImportAnswer, await readForm(request));
		if (!parsed.ok)
			return fail(400, {
				form: 'import',
				errors: [{ field: 'file', message: 'admissions.errors.file' }]
			});
		const entries = parsed.data.entries;
		const result = await saveAdmissions(locals.app.db, user, entries, 'csv');
		// Changed since the question: asked again, with the numbers held now.
		if (result.status === 'replaces') return askToReplace(entries, result);
		if (result.status !== 'saved') return importRefused(result.status);
		noteOwnWrite(locals.app, cookies);
		return imported(result, entries.length);
	}
};
