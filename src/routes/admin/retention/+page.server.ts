import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { RetentionForm } from '$lib/domain/administration';
import { getRetention, saveRetention } from '$lib/server/administration/retention';
import { requirePageRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	return {
		titleKey: 'admin:administration.retention.title',
		...(await getRetention(locals.app.db, user.organisationId))
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
		const parsed = parseForm(RetentionForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		await saveRetention(locals.app.db, user, parsed.data);
		return { saved: true };
	}
};
