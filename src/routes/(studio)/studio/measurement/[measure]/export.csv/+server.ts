import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { buildChart } from '$lib/domain/measurement/chart';
import { measureCsv } from '$lib/domain/measurement/export';
import { MeasureId, measures, SliceQuery, sliceOf } from '$lib/domain/measurement/measures';
import { requirePageRole } from '$lib/server/auth/guard';
import { measureSeries } from '$lib/server/repositories/measurement';
import { settingsFor } from '$lib/server/repositories/chart-notes';
import { organisationToday } from '$lib/server/repositories/organisations';

/** One measure's series as CSV, with XmR mean and limits, for the slice in the query. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const measure = MeasureId.safeParse(params.measure);
	if (!measure.success) error(404, { message: 'notFound' });
	const query = SliceQuery.parse(Object.fromEntries(url.searchParams));
	const today = await organisationToday(locals.app.db, user.organisationId);
	const [series, settings] = await Promise.all([
		measureSeries(locals.app.db, user.organisationId, {
			slice: sliceOf(query),
			kind: query.period,
			today
		}),
		settingsFor(locals.app.db, user.organisationId, measure.data)
	]);
	const definition = measures[measure.data];
	const model = buildChart(series[measure.data], definition, { ...settings, chart: 'xmr' });
	return new Response(measureCsv(model, definition.unit), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${measure.data}-${query.period}-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
