import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { reviewState } from '$lib/domain/briefing';
import { PageQuery } from '$lib/domain/pagination';
import { mayEditContent } from '$lib/domain/staff';
import { requirePageRole } from '$lib/server/auth/guard';
import {
	auditForBriefing,
	getBriefingDetail,
	startNewDraft
} from '$lib/server/repositories/briefing-versions';
import { parseQuery } from '$lib/server/http/parse-query';
import { newDraftLabel, requireEditor } from '$lib/server/studio/version-page';
import { organisationToday } from '$lib/server/repositories/organisations';
import { adoptionOfBriefing } from '$lib/server/library/adopt';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const query = parseQuery(url, PageQuery);
	const id = z.uuid().safeParse(params.id);
	const briefing = id.success
		? await getBriefingDetail(locals.app.db, user.organisationId, id.data)
		: null;
	if (!briefing) error(404, { message: 'notFound' });
	const today = await organisationToday(locals.app.db, user.organisationId);
	return {
		title: briefing.topic,
		briefing,
		review: briefing.versions.map((v) => reviewState(v.reviewBy, today)),
		// The audit trail's page (?page=), a page of its changes at a time.
		audit: await auditForBriefing(locals.app.db, user.organisationId, briefing.id, query.page),
		// Adopted from the shared library: where from, and whether the source has moved on.
		adoption: await adoptionOfBriefing(locals.app.db, user.organisationId, briefing.id),
		mayEdit: mayEditContent(user.role),
		newDraft: newDraftLabel(briefing.versions)
	};
};

export const actions: Actions = {
	newDraft: async ({ locals, url, params }) => {
		const user = requirePageRole(locals.user, 'studio', url);
		requireEditor(user);
		const result = await startNewDraft(locals.app.db, user, params.id);
		if (!result.ok) {
			if (result.problem === 'notFound') error(404, { message: 'notFound' });
			return fail(409, {
				errors: [{ field: 'newDraft', message: 'briefing.errors.openVersionExists' }]
			});
		}
		redirect(303, `/studio/briefings/${params.id}/v/${result.number}`);
	}
};
