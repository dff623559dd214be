import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { setPasswordForm } from '$lib/domain/administration';
import { checkSetPasswordLink, setPasswordWithLink } from '$lib/server/auth/set-password-links';
import { parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';

/*
 * Anonymous: the person has no password yet. The token in the address is the only key, so the
 * page is never cached and never says more than whose account it is for.
 */
const noStore = { 'cache-control': 'no-store' };

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders(noStore);
	const link = await checkSetPasswordLink(locals.app.db, params.token);
	return {
		titleKey: link.ok ? 'auth:administration.setPassword.title' : 'auth:administration.link.title',
		link: link.ok ? { ok: true as const, email: link.email, purpose: link.purpose } : link
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { db } = locals.app;
		const form = await readForm(request);
		const link = await checkSetPasswordLink(db, params.token);
		if (!link.ok) return fail(400, { linkProblem: link.reason, errors: [] });
		const parsed = parseForm(setPasswordForm(link.email), form);
		if (!parsed.ok) return fail(400, { linkProblem: null, errors: parsed.errors });
		const done = await setPasswordWithLink(db, params.token, parsed.data.password);
		if (!done.ok) return fail(400, { linkProblem: done.reason, errors: [] });
		// Not signed in here: the person proves the new password once, on the usual page.
		redirect(303, '/sign-in?passwordSet=1');
	}
};
