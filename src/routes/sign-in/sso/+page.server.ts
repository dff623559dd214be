import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { safeReturnTo } from '$lib/server/auth/return-to';
import { readForm } from '$lib/server/http/body-limit';
import { beginSignIn, LOGIN_TTL_MS, SSO_STATE_COOKIE, SsoError } from '$lib/server/sso/oidc';
import { refuse } from '$lib/server/sso/refuse';
import { ssoForSlug } from '$lib/server/sso/settings';

export const load: PageServerLoad = () => redirect(303, '/sign-in');

const StartForm = z.object({
	organisation: z.string().trim().min(1).max(100),
	returnTo: z.string().max(2000).optional()
});

/** "Sign in with your NHS account": off to the organisation's OpenID provider. */
export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await readForm(request);
		const parsed = StartForm.safeParse(Object.fromEntries(form));
		if (!parsed.success)
			error(400, {
				message: 'badRequest',
				issues: [{ field: 'organisation', message: 'required' }]
			});
		const found = await ssoForSlug(locals.app.db, parsed.data.organisation);
		try {
			if (!found)
				throw new SsoError('notAvailable', `no enabled provider for ${parsed.data.organisation}`);
			const returnTo = safeReturnTo(parsed.data.returnTo ?? null, url.origin) ?? '';
			const { url: target, state } = await beginSignIn(
				locals.app.db,
				found.organisationId,
				found.settings,
				`${url.origin}/sign-in/sso/callback`,
				returnTo
			);
			cookies.set(SSO_STATE_COOKIE, state, {
				path: '/sign-in/sso',
				httpOnly: true,
				sameSite: 'lax',
				secure: url.protocol === 'https:',
				maxAge: LOGIN_TTL_MS / 1000
			});
			redirect(303, target.href);
		} catch (e) {
			if (e instanceof SsoError) refuse(e, found?.organisationId ?? null);
			throw e;
		}
	}
};
