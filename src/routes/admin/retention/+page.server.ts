import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	RetentionConfirmation,
	retentionConfirmation,
	RetentionForm
} from '$lib/domain/administration';
import { getRetention, saveRetention, shorteningOf } from '$lib/server/administration/retention';
import { requirePageRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { PageQuery } from '$lib/domain/pagination';
import { parseQuery } from '$lib/server/http/parse-query';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	const query = parseQuery(url, PageQuery);
	return {
		titleKey: 'admin:administration.retention.title',
		...(await getRetention(locals.app.db, user.organisationId, query.page))
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'admin', url);
		const form = await readForm(request);
		const values = Object.fromEntries(
			(['records', 'feedback', 'audit'] as const).map((k) => [
				k,
				String(form.get(k) ?? '').slice(0, 10)
			])
		);
		// Present only on the warning's own button; anything else is no confirmation at all.
		const confirmation = RetentionConfirmation.safeParse(form.get('confirm'));
		form.delete('confirm');
		const parsed = parseForm(RetentionForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const db = locals.app.db;
		const result = await saveRetention(
			db,
			user,
			parsed.data,
			confirmation.success ? confirmation.data : null
		);
		if ('saved' in result) return { saved: true };
		// A shorter period deletes at the next run: nothing is saved until the admin has seen what.
		const { from, kinds } = result.confirm;
		return {
			values,
			confirming: {
				limits: parsed.data,
				confirm: retentionConfirmation(from, parsed.data),
				shortening: await shorteningOf(db, user.organisationId, from, parsed.data, kinds)
			}
		};
	}
};
