import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { Briefing, reviewState } from '$lib/domain/briefing';
import { mayEditContent } from '$lib/domain/staff';
import { requirePageRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms/parse-form';
import { listBriefings } from '$lib/server/repositories/briefings';
import { createBriefingWithDraft, listOwners } from '$lib/server/repositories/briefing-versions';
import { organisationToday } from '$lib/server/repositories/organisations';
import { requireEditor } from '$lib/server/studio/version-page';
import { readForm } from '$lib/server/http/body-limit';

const NewBriefingForm = z.strictObject({
	topic: Briefing.shape.topic,
	slug: Briefing.shape.slug,
	ownerId: z.uuid()
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const [briefings, owners, today] = await Promise.all([
		listBriefings(locals.app.db, user.organisationId),
		listOwners(locals.app.db, user.organisationId),
		organisationToday(locals.app.db, user.organisationId)
	]);
	return {
		titleKey: 'editor:briefings.title',
		// The version each row names is flagged as on the studio home: past or near its date.
		briefings: briefings.map((b) => ({
			...b,
			review: b.latestVersion ? reviewState(b.latestVersion.reviewBy, today) : null
		})),
		owners,
		me: user.id,
		mayEdit: mayEditContent(user.role)
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'studio', url);
		requireEditor(user);
		const form = await readForm(request);
		const values = {
			topic: String(form.get('topic') ?? ''),
			slug: String(form.get('slug') ?? ''),
			ownerId: String(form.get('ownerId') ?? '')
		};
		const parsed = parseForm(NewBriefingForm, form);
		if (!parsed.ok)
			return fail(400, {
				values,
				errors: parsed.errors.map((e) => ({ field: e.field, message: `create.errors.${e.field}` }))
			});
		const owners = await listOwners(locals.app.db, user.organisationId);
		if (!owners.some((o) => o.id === parsed.data.ownerId))
			return fail(400, {
				values,
				errors: [{ field: 'ownerId', message: 'create.errors.ownerId' }]
			});
		const created = await createBriefingWithDraft(locals.app.db, user, parsed.data);
		if (!created.ok)
			return fail(409, { values, errors: [{ field: 'slug', message: 'create.errors.slugTaken' }] });
		redirect(303, `/studio/briefings/${created.id}/v/1`);
	}
};
