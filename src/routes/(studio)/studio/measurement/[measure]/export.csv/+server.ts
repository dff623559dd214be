import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { buildChart } from '$lib/domain/measurement/chart';
import { discloseChart } from '$lib/domain/measurement/disclosure';
import { ALL, measureCsv } from '$lib/domain/measurement/export';
import { MeasureId, measures, SliceQuery, sliceOf } from '$lib/domain/measurement/measures';
import { requirePageRole } from '$lib/server/auth/guard';
import { actorOf, securityEvent } from '$lib/server/operations/log';
import { measureSeries } from '$lib/server/repositories/measurement';
import { settingsFor } from '$lib/server/repositories/chart-notes';
import { jointDisclosure } from '$lib/server/measurement/joint-disclosure';
import {
	getOrganisation,
	listWards,
	organisationToday
} from '$lib/server/repositories/organisations';
import { listPatientGroups } from '$lib/server/repositories/patient-groups';
import { readDatabase } from '$lib/server/db/read-replica';

/** One measure's series as CSV, with XmR mean and limits, for the slice in the query. */
export const GET: RequestHandler = async ({ locals, url, params, cookies }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const measure = MeasureId.safeParse(params.measure);
	if (!measure.success) error(404, { message: 'notFound' });
	const query = SliceQuery.parse(Object.fromEntries(url.searchParams));
	const db = readDatabase(locals.app, cookies);
	const today = await organisationToday(db, user.organisationId);
	const slice = sliceOf(query);
	const [series, settings, organisation, wards, groups, [joint]] = await Promise.all([
		measureSeries(db, user.organisationId, { slice, kind: query.period, today }),
		settingsFor(db, user.organisationId, measure.data),
		getOrganisation(db, user.organisationId),
		listWards(db, user.organisationId),
		listPatientGroups(db, user.organisationId, { includeArchived: true }),
		// What every slice's page and CSV hide together (no subtracting one file from another).
		jointDisclosure(
			db,
			user.organisationId,
			{ kind: query.period, today, measureIds: [measure.data] },
			[slice]
		)
	]);
	securityEvent('export.downloaded', {
		kind: 'measure.csv',
		measure: measure.data,
		...actorOf(user)
	});
	const definition = measures[measure.data];
	const model = buildChart(series[measure.data], definition, { ...settings, chart: 'xmr' });
	// Every export goes through disclosure control, the lead's included.
	const csv = measureCsv(discloseChart(model, definition.unit, false, joint?.[measure.data]), {
		organisation: organisation?.name ?? '',
		measure: measure.data,
		unit: definition.unit,
		period: query.period,
		slice: {
			// A filter is always named, never left to read as the whole organisation.
			ward: query.ward ? (wards.find((w) => w.id === query.ward)?.name ?? query.ward) : ALL,
			patientGroup: query.group
				? (groups.find((g) => g.id === query.group)?.name ?? query.group)
				: ALL,
			format: query.format ?? ALL,
			language: query.language ?? ALL
		}
	});
	const sliceName = [query.ward && 'ward', query.group && 'group', query.format, query.language]
		.filter(Boolean)
		.join('-');
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${measure.data}-${sliceName || 'organisation'}-${query.period}-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
