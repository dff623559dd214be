import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requirePageRole } from '$lib/server/auth/guard';
import {
	findTrustOrganisation,
	listPlatformAudit,
	setOrganisationSuspended
} from '$lib/server/repositories/platform-organisations';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requirePageRole(locals.user, 'platform', url);
	const { db } = locals.app;
	const organisation = await findTrustOrganisation(db, { id: params.id });
	if (!organisation) error(404, { message: 'notFound' });
	return {
		title: organisation.name,
		organisation,
		audit: await listPlatformAudit(db, organisation.id),
		done: url.searchParams.get('done')
	};
};

async function suspend(
	{ locals, url, params }: Parameters<Actions[string]>[0],
	suspended: boolean
): Promise<never> {
	const user = requirePageRole(locals.user, 'platform', url);
	const changed = await setOrganisationSuspended(locals.app.db, user, params.id ?? '', suspended);
	if (!changed) error(404, { message: 'notFound' });
	redirect(
		303,
		`/platform/organisations/${changed.id}?done=${suspended ? 'suspended' : 'reinstated'}`
	);
}

export const actions: Actions = {
	suspend: (event) => suspend(event, true),
	reinstate: (event) => suspend(event, false)
};
