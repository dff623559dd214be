import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { organisationBySlug } from '$lib/server/repositories/organisations';
import { orPrimary } from '$lib/server/db/read-replica';

/**
 * An organisation's public address, /o/<slug>/…: unknown is 404; a suspended organisation's
 * pages answer 410 "not available", never its content.
 */
export const load: LayoutServerLoad = async ({ locals, params }) => {
	const organisation = await orPrimary(locals.app, (db) =>
		organisationBySlug(db, params.organisation)
	);
	if (!organisation) error(404, { message: 'notFound' });
	if (organisation.suspended) error(410, { message: 'notAvailable' });
	return {
		organisation: {
			id: organisation.id,
			slug: organisation.slug,
			name: organisation.name,
			contact: organisation.contact,
			defaultLanguages: organisation.defaultLanguages
		}
	};
};
