import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import {
	AnnotationEditForm,
	AnnotationForm,
	AnnotationRemoveForm,
	ChartSettingsForm
} from '$lib/domain/measurement/aim';
import { buildChart } from '$lib/domain/measurement/chart';
import {
	coverageAvailable,
	hasData,
	MeasureId,
	measures,
	SliceQuery,
	sliceOf
} from '$lib/domain/measurement/measures';
import { discloseChart, seesRawCounts } from '$lib/domain/measurement/disclosure';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { listWards, organisationToday } from '$lib/server/repositories/organisations';
import { listPatientGroups } from '$lib/server/repositories/patient-groups';
import { measureSeries } from '$lib/server/repositories/measurement';
import { overAdmitted } from '$lib/server/repositories/briefings-over-admissions';
import { jointDisclosure } from '$lib/server/measurement/joint-disclosure';
import { readForm } from '$lib/server/http/body-limit';
import {
	addAnnotation,
	editAnnotation,
	getAnnotation,
	lessonsOfAnnotation,
	listAnnotations,
	removeAnnotation,
	saveChartSettings,
	settingsFor
} from '$lib/server/repositories/chart-notes';
import { noteOwnWrite, readDatabase } from '$lib/server/db/read-replica';
import type { Db } from '$lib/server/db/database';

function measureOf(param: string): MeasureId {
	const parsed = MeasureId.safeParse(param);
	if (!parsed.success) error(404, { message: 'notFound' });
	return parsed.data;
}

/** Which note is being edited or removed (asked first), and what was just done to one. */
const NoteQuery = z.object({
	note: z.uuid().optional().catch(undefined),
	remove: z.uuid().optional().catch(undefined),
	done: z.enum(['noteSaved', 'noteRemoved']).optional().catch(undefined)
});

/** A note and the library items whose shared lessons name it; null if not this organisation's. */
async function noteWithLessons(db: Db, organisationId: string, id: string | undefined) {
	const note = id ? await getAnnotation(db, organisationId, id) : null;
	return note ? { ...note, lessons: await lessonsOfAnnotation(db, organisationId, note.id) } : null;
}

/** Back to the chart as it was filtered, saying what was done (post, redirect, get). */
function backToChart(url: URL, done: 'noteSaved' | 'noteRemoved'): never {
	const query = new URLSearchParams();
	for (const [key, value] of url.searchParams)
		if (key in SliceQuery.shape) query.append(key, value);
	query.set('done', done);
	redirect(303, `${url.pathname}?${query}#changes-heading`);
}

function requireLead(locals: App.Locals, url: URL) {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayEditContent(user.role)) forbidden();
	return user;
}

export const load: PageServerLoad = async ({ locals, url, params, cookies }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const measure = measureOf(params.measure);
	const db = readDatabase(locals.app, cookies);
	const query = SliceQuery.parse(Object.fromEntries(url.searchParams));
	const notes = NoteQuery.parse(Object.fromEntries(url.searchParams));
	const mayEdit = mayEditContent(user.role);
	const slice = sliceOf(query);
	const today = await organisationToday(db, user.organisationId);
	const [series, settings, annotations, wards, groups, editing, removing] = await Promise.all([
		measureSeries(db, user.organisationId, { slice, kind: query.period, today }),
		settingsFor(db, user.organisationId, measure),
		listAnnotations(db, user.organisationId, query.ward),
		listWards(db, user.organisationId),
		listPatientGroups(db, user.organisationId),
		mayEdit ? noteWithLessons(db, user.organisationId, notes.note) : null,
		mayEdit ? noteWithLessons(db, user.organisationId, notes.remove) : null
	]);
	const points = series[measure];
	const unit = measures[measure].unit;
	const raw = seesRawCounts(user.role, 'screen');
	// Without raw counts, what every slice's page hides together (no subtracting across pages).
	const joint = raw
		? undefined
		: (
				await jointDisclosure(
					db,
					user.organisationId,
					{ kind: query.period, today, measureIds: [measure] },
					[slice]
				)
			)[0]?.[measure];
	// Coverage over 100% by ward and week, in raw counts: for the lead, who can put it right.
	const overWeeks =
		measure === 'coverage' && raw && coverageAvailable(slice)
			? await overAdmitted(db, user.organisationId, {
					from: new Date(Date.parse(`${today}T00:00:00Z`) - 366 * 86_400_000)
						.toISOString()
						.slice(0, 10),
					wardIds: slice.wardIds
				})
			: [];
	return {
		titleKey: `measure:measure.${measure}.name`,
		overWeeks,
		measure,
		unit,
		query,
		settings,
		// Disclosure control on the server: a hidden number never reaches the reader's browser.
		chart: hasData(points)
			? discloseChart(buildChart(points, measures[measure], settings), unit, raw, joint)
			: null,
		// Filters on two dimensions at once: no joint table covers them, so all is hidden.
		combinedHidden: joint === 'everything',
		coverageUnavailable: measure === 'coverage' && !coverageAvailable(slice),
		annotations: annotations.map((a, i) => ({ ...a, number: i + 1 })),
		wards: wards.map((w) => ({ id: w.id, name: w.name })),
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		mayEdit,
		editing,
		removing,
		done: notes.done ?? null
	};
};

export const actions: Actions = {
	settings: async ({ locals, url, params, request, cookies }) => {
		const user = requirePageRole(locals.user, 'studio', url);
		if (!mayEditContent(user.role)) forbidden();
		const measure = measureOf(params.measure);
		const form = await readForm(request);
		const parsed = parseForm(ChartSettingsForm, form);
		if (!parsed.ok)
			return fail(400, {
				form: 'settings',
				errors: parsed.errors,
				values: formValues(ChartSettingsForm, form)
			});
		await saveChartSettings(locals.app.db, user, measure, parsed.data);
		noteOwnWrite(locals.app, cookies);
		return { form: 'settings', saved: true };
	},
	annotate: async ({ locals, url, params, request, cookies }) => {
		const user = requirePageRole(locals.user, 'studio', url);
		if (!mayEditContent(user.role)) forbidden();
		measureOf(params.measure);
		const form = await readForm(request);
		const parsed = parseForm(AnnotationForm, form);
		const values = formValues(AnnotationForm, form);
		if (!parsed.ok) return fail(400, { form: 'annotate', errors: parsed.errors, values });
		const result = await addAnnotation(locals.app.db, user, parsed.data);
		if (result === 'unknownWard')
			return fail(400, {
				form: 'annotate',
				errors: [{ field: 'wardId', message: 'annotations.errors.wardId' }],
				values
			});
		noteOwnWrite(locals.app, cookies);
		return { form: 'annotate', saved: true };
	},
	editNote: async ({ locals, url, params, request, cookies }) => {
		const user = requireLead(locals, url);
		measureOf(params.measure);
		const form = await readForm(request);
		const parsed = parseForm(AnnotationEditForm, form);
		const values = formValues(AnnotationEditForm, form);
		if (!parsed.ok) return fail(400, { form: 'editNote', errors: parsed.errors, values });
		const { noteId, ...note } = parsed.data;
		const result = await editAnnotation(locals.app.db, user, noteId, note);
		if (result === 'notFound') error(404, { message: 'notFound' });
		if (result === 'notAllowed') forbidden();
		if (result === 'unknownWard')
			return fail(400, {
				form: 'editNote',
				errors: [{ field: 'wardId', message: 'annotations.errors.wardId' }],
				values
			});
		noteOwnWrite(locals.app, cookies);
		backToChart(url, 'noteSaved');
	},
	removeNote: async ({ locals, url, params, request, cookies }) => {
		const user = requireLead(locals, url);
		measureOf(params.measure);
		const parsed = parseForm(AnnotationRemoveForm, await readForm(request));
		if (!parsed.ok) return fail(400, { form: 'removeNote', errors: parsed.errors });
		const result = await removeAnnotation(locals.app.db, user, parsed.data.noteId);
		if (result === 'notFound') error(404, { message: 'notFound' });
		if (result === 'notAllowed') forbidden();
		if (result === 'inLesson')
			return fail(409, {
				form: 'removeNote',
				errors: [{ field: 'note-remove', message: 'annotations.errors.inLesson' }]
			});
		noteOwnWrite(locals.app, cookies);
		backToChart(url, 'noteRemoved');
	}
};
