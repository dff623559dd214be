import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { RegionalMeasure } from '$lib/domain/region';
import { viewFor } from '../regional-view.server';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const measure = RegionalMeasure.safeParse(params.measure);
	if (!measure.success) error(404, { message: 'notFound' });
	const view = await viewFor(locals.app.db, locals.user, url);
	const found = view.measures.find((m) => m.measure === measure.data);
	return {
		titleKey: `measure:measure.${measure.data}.name`,
		measure: measure.data,
		charts: found?.charts ?? []
	};
};
