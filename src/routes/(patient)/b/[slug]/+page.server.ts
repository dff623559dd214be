import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { organisationsWithBriefing } from '$lib/server/repositories/organisations';
import { orPrimary } from '$lib/server/db/read-replica';

/**
 * Today's /b/<slug> addresses (printed QR codes, bookmarks) from before briefings lived under
 * their organisation: when exactly one organisation has that slug, its
 * /o/<organisation>/b/<slug> with the query kept (?lang=, ?t=…); otherwise 404 (the translated
 * page), never a guess between organisations. Feedback posted from a page kept on a phone is
 * sent on with its body (308).
 */
async function newAddress(app: App.Locals['app'], slug: string, search: string) {
	const found = await orPrimary(app, (db) => organisationsWithBriefing(db, slug));
	if (found.length !== 1) error(404, { message: 'notFound' });
	return `/o/${found[0]}/b/${slug}${search}`;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	redirect(307, await newAddress(locals.app, params.slug, url.search));
};

export const actions: Actions = {
	feedback: async ({ locals, params, url }) => {
		redirect(308, await newAddress(locals.app, params.slug, url.search));
	}
};
