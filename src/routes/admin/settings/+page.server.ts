import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { SettingsForm } from '$lib/domain/administration';
import { requirePageRole } from '$lib/server/auth/guard';
import { getSettings, saveSettings } from '$lib/server/administration/settings';
import { parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	return {
		titleKey: 'admin:administration.settings.title',
		settings: await getSettings(locals.app.db, user.organisationId)
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'admin', url);
		const form = await readForm(request);
		const values = {
			contact: String(form.get('contact') ?? '').slice(0, 1000),
			timeZone: String(form.get('timeZone') ?? '').slice(0, 100),
			defaultLanguages: form.getAll('defaultLanguages').map(String).slice(0, 50)
		};
		const parsed = parseForm(SettingsForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const changed = await saveSettings(locals.app.db, user, parsed.data);
		return { saved: true, timeZoneChanged: changed.includes('timeZone') };
	}
};
