import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AnnotationForm, ChartSettingsForm } from '$lib/domain/measurement/aim';
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
import { jointDisclosure } from '$lib/server/measurement/joint-disclosure';
import { readForm } from '$lib/server/http/body-limit';
import {
	addAnnotation,
	listAnnotations,
	saveChartSettings,
	settingsFor
} from '$lib/server/repositories/chart-notes';
import { noteOwnWrite, readDatabase } from '$lib/server/db/read-replica';

function measureOf(param: string): MeasureId {
	const parsed = MeasureId.safeParse(param);
	if (!parsed.success) error(404, { message: 'notFound' });
	return parsed.data;
}

export const load: PageServerLoad = async ({ locals, url, params, cookies }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const measure = measureOf(params.measure);
	const db = readDatabase(locals.app, cookies);
	const query = SliceQuery.parse(Object.fromEntries(url.searchParams));
	const slice = sliceOf(query);
	const today = await organisationToday(db, user.organisationId);
	const [series, settings, annotations, wards, groups] = await Promise.all([
		measureSeries(db, user.organisationId, { slice, kind: query.period, today }),
		settingsFor(db, user.organisationId, measure),
		listAnnotations(db, user.organisationId, query.ward),
		listWards(db, user.organisationId),
		listPatientGroups(db, user.organisationId)
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
	return {
		titleKey: `measure:measure.${measure}.name`,
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
		mayEdit: mayEditContent(user.role)
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
	}
};
