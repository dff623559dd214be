import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { reviewState } from '$lib/domain/briefing';
import { groupFormValues } from '$lib/domain/patient-group-form';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms/parse-form';
import { parseGroupForm } from '$lib/server/forms/patient-group-form';
import { listBriefings } from '$lib/server/repositories/briefings';
import { readForm } from '$lib/server/http/body-limit';
import {
	changeGroupBriefings,
	GroupBriefingChange,
	listGroupBriefings
} from '$lib/server/repositories/group-briefings';
import { organisationToday } from '$lib/server/repositories/organisations';
import {
	getPatientGroup,
	isGroupNameTaken,
	setPatientGroupArchived,
	updatePatientGroup
} from '$lib/server/repositories/patient-groups';

const Revision = z.coerce.number().int().positive();

const notices = ['created', 'saved', 'unchanged', 'archived', 'unarchived', 'briefings'] as const;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const db = locals.app.db;
	const group = await getPatientGroup(db, user.organisationId, params.id);
	if (!group) error(404, { message: 'notFound' });
	const [assigned, all, today] = await Promise.all([
		listGroupBriefings(db, user.organisationId, group.id),
		listBriefings(db, user.organisationId),
		organisationToday(db, user.organisationId)
	]);
	const chosen = new Set(assigned.map((b) => b.briefingId));
	const notice = url.searchParams.get('saved');
	// What the ward gives this group is each briefing's published version: flagged when it is
	// past or near its review-by date, as everywhere else.
	const publishedOf = (id: string) => all.find((b) => b.id === id)?.published ?? null;
	return {
		title: group.name,
		group,
		assigned: assigned.map((b) => {
			const published = publishedOf(b.briefingId);
			return {
				...b,
				review: published
					? { reviewBy: published.reviewBy, state: reviewState(published.reviewBy, today) }
					: null
			};
		}),
		addable: all
			.filter((b) => !chosen.has(b.id))
			.map((b) => ({ id: b.id, topic: b.topic, published: b.published !== null })),
		mayEdit: mayEditContent(user.role),
		notice: notices.find((n) => n === notice) ?? null
	};
};

/** Every action: a studio user who may edit content, and a group of their own organisation. */
async function editableGroup({ locals, url, params }: RequestEvent) {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayEditContent(user.role)) forbidden();
	const group = await getPatientGroup(locals.app.db, user.organisationId, params.id);
	if (!group) error(404, { message: 'notFound' });
	return { user, group };
}

export const actions: Actions = {
	save: async (event) => {
		const { user, group } = await editableGroup(event);
		const form = await readForm(event.request);
		// The revision the form was drawn from; the group's fields are parsed without it.
		const posted = Revision.safeParse(form.get('revision'));
		form.delete('revision');
		const revision = posted.success ? posted.data : 0;
		// A refused form keeps the revision it started from, so fixing a mistake cannot save
		// over someone else's change made in the meantime.
		const parsed = parseGroupForm(form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, revision });
		const db = event.locals.app.db;
		if (await isGroupNameTaken(db, user.organisationId, parsed.input.name, group.id))
			return fail(400, {
				errors: [{ field: 'name', message: 'groups.errors.nameTaken' }],
				values: groupFormValues(parsed.input),
				revision
			});
		const result = await updatePatientGroup(db, user, group.id, parsed.input, revision);
		if (result === 'notFound') error(404, { message: 'notFound' });
		// Someone else saved first: nothing is overwritten. What was typed comes back with the
		// revision now stored, so saving again replaces their change knowingly, never silently.
		// The group as saved now comes back too: a page with JavaScript is not reloaded after a
		// refusal, and the lead needs to see what they would replace.
		if (result === 'stale') {
			const current = await getPatientGroup(db, user.organisationId, group.id);
			if (!current) error(404, { message: 'notFound' });
			return fail(409, {
				errors: [{ field: 'form', message: 'groups.errors.stale' }],
				values: groupFormValues(parsed.input),
				revision: current.revision,
				current
			});
		}
		redirect(
			303,
			`/studio/groups/${group.id}?saved=${result === 'unchanged' ? 'unchanged' : 'saved'}`
		);
	},
	archive: async (event) => {
		const { user, group } = await editableGroup(event);
		await setPatientGroupArchived(event.locals.app.db, user, group.id, true);
		redirect(303, `/studio/groups/${group.id}?saved=archived`);
	},
	unarchive: async (event) => {
		const { user, group } = await editableGroup(event);
		await setPatientGroupArchived(event.locals.app.db, user, group.id, false);
		redirect(303, `/studio/groups/${group.id}?saved=unarchived`);
	},
	briefings: async (event) => {
		const { user, group } = await editableGroup(event);
		const parsed = parseForm(GroupBriefingChange, await readForm(event.request));
		if (!parsed.ok)
			return fail(400, {
				errors: [{ field: 'briefingId', message: 'groups.errors.briefing' }]
			});
		const result = await changeGroupBriefings(event.locals.app.db, user, group.id, parsed.data);
		if (result === 'notFound')
			return fail(400, {
				errors: [{ field: 'briefingId', message: 'groups.errors.briefing' }]
			});
		redirect(303, `/studio/groups/${group.id}?saved=briefings#briefings`);
	}
};
