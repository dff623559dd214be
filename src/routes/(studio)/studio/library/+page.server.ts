import type { PageServerLoad } from './$types';
import { LibraryFilter } from '$lib/domain/library/library';
import { requireLibraryLead } from '$lib/server/library/guard';
import { listAdoptions } from '$lib/server/library/adopt';
import { browseLibrary, ownItems } from '$lib/server/library/browse';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLibraryLead(locals.user, url);
	const db = locals.app.db;
	const filter = LibraryFilter.parse(Object.fromEntries(url.searchParams));
	const [items, own, adoptions] = await Promise.all([
		browseLibrary(db, user.organisationId, filter),
		ownItems(db, user.organisationId),
		listAdoptions(db, user.organisationId)
	]);
	return {
		titleKey: 'library:title',
		filter,
		items: items.filter((i) => !i.own),
		own,
		// Adoptions whose source has shared a newer version the lead has not yet looked at.
		news: adoptions.filter((a) => !a.withdrawn && a.latest > a.seen),
		withdrawn: adoptions.filter((a) => a.withdrawn)
	};
};
