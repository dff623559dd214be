import type { Db } from '../db/database';
import { listSsoOrganisations } from './settings';

/**
 * The organisations whose staff may sign in through their own provider, for the sign-in
 * page. `?organisation=<slug>` (a ward tablet's bookmark) narrows the choice to that one.
 */
export async function ssoChoices(db: Db, url: URL) {
	const all = await listSsoOrganisations(db);
	const wanted = url.searchParams.get('organisation');
	const chosen = wanted ? all.filter((o) => o.slug === wanted) : [];
	return chosen.length ? chosen : all;
}
