import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { actorOf, securityEvent } from '$lib/server/operations/log';
import { signedAggregates } from '$lib/server/region/aggregates';
import { jsonFile, senderOf } from '../region-files.server';

/**
 * The measures the organisation shares, month by month, signed: the file its admin sends a
 * region on another service. Audited (region.exported) in the organisation's own trail.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { admin, organisation } = await senderOf(locals.app.db, locals.user, url);
	const file = await signedAggregates(locals.app.db, admin, organisation);
	// Nothing shared: the page says to choose the measures first.
	if (!file) redirect(303, '/admin/region');
	securityEvent('export.downloaded', { kind: 'region-aggregates.json', ...actorOf(admin) });
	return jsonFile(file, organisation.name, `region-figures-${file.payload.period}`);
};
