import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ShareForm } from '$lib/domain/library/library';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { requireLibraryLead } from '$lib/server/library/guard';
import { shareBriefing } from '$lib/server/library/share';
import { listBriefings } from '$lib/server/repositories/briefings';
import { getOrganisation } from '$lib/server/repositories/organisations';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLibraryLead(locals.user, url);
	const db = locals.app.db;
	const [briefings, organisation] = await Promise.all([
		listBriefings(db, user.organisationId),
		getOrganisation(db, user.organisationId)
	]);
	return {
		titleKey: 'library:share.title',
		// Only a published version may be shared: drafts and versions in review are not offered.
		published: briefings
			.filter((b) => b.published)
			.map((b) => ({ id: b.id, topic: b.topic, number: b.published?.number ?? 0 })),
		chosen: url.searchParams.get('briefing') ?? '',
		defaultAttribution: `© ${organisation?.name ?? ''}`.trim()
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requireLibraryLead(locals.user, url);
		const form = await readForm(request);
		const parsed = parseForm(ShareForm, form);
		const values = formValues(ShareForm, form);
		// Ticked needs are a list, which formValues (one string a field) does not keep.
		const needs = form.getAll('needs').map(String);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values, needs });
		const result = await shareBriefing(locals.app.db, user, parsed.data);
		if (!result.ok)
			return fail(result.reason === 'notFound' ? 404 : 409, {
				errors: [{ field: 'briefingId', message: `share.errors.${result.reason}` }],
				values,
				needs
			});
		redirect(303, `/studio/library/${result.itemId}?shared=${result.number}`);
	}
};
