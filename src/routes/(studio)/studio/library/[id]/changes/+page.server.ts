import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/body-limit';
import { adoptionChanges, markChangesSeen } from '$lib/server/library/adopt';
import { requireLibraryLead } from '$lib/server/library/guard';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireLibraryLead(locals.user, url);
	const id = z.uuid().safeParse(params.id);
	const found = id.success
		? await adoptionChanges(locals.app.db, user.organisationId, id.data)
		: ({ ok: false, reason: 'notFound' } as const);
	if (!found.ok && found.reason === 'notFound') error(404, { message: 'notFound' });
	return {
		titleKey: 'library:changes.title',
		itemId: params.id,
		found
	};
};

export const actions: Actions = {
	seen: async ({ locals, url, params, request }) => {
		const user = requireLibraryLead(locals.user, url);
		await readForm(request);
		const id = z.uuid().safeParse(params.id);
		if (!id.success || !(await markChangesSeen(locals.app.db, user.organisationId, id.data)))
			error(404, { message: 'notFound' });
		redirect(303, '/studio/library');
	}
};
