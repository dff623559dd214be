import type { RequestHandler } from './$types';
import { actorOf, securityEvent } from '$lib/server/operations/log';
import { keyFile } from '$lib/server/region/aggregates';
import { jsonFile, senderOf } from '../region-files.server';

/** The install's public key, for the regional lead of a region on another service to add. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { admin, organisation } = await senderOf(locals.app.db, locals.user, url);
	securityEvent('export.downloaded', { kind: 'region-key.json', ...actorOf(admin) });
	return jsonFile(await keyFile(locals.app.db, organisation), organisation.name, 'region-key');
};
