import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AccountSettingsForm } from '$lib/domain/account-settings';
import { LANG_COOKIE } from '$lib/i18n/links';
import { signInRedirect } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { accountSettings, saveAccountSettings } from '$lib/server/repositories/account-settings';

/** Any signed-in staff member's own choices: their interface language and their email. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user;
	if (!user) signInRedirect(url);
	return {
		titleKey: 'auth:account.title',
		email: user.email,
		settings: await accountSettings(locals.app.db, user),
		mailOn: locals.app.config.mail !== null,
		saved: url.searchParams.get('saved') === '1'
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request, cookies }) => {
		const user = locals.user;
		if (!user) signInRedirect(url);
		const parsed = parseForm(AccountSettingsForm, await readForm(request));
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		await saveAccountSettings(locals.app.db, user, {
			interfaceLanguage: parsed.data.language || null,
			mailSteps: parsed.data.mail.includes('steps'),
			mailDigest: parsed.data.mail.includes('digest')
		});
		// This device's own choice (the switcher's cookie) would hide the account's: forget it, so
		// the language saved here shows at once, and on every device without a choice of its own.
		cookies.delete(LANG_COOKIE, { path: '/' });
		redirect(303, '/account?saved=1');
	}
};
