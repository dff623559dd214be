import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { safeReturnTo } from '$lib/server/auth/return-to';
import { addressKey, hitRateLimits } from '$lib/server/rate-limit';
import { beginSignIn, LOGIN_TTL_MS, SSO_STATE_COOKIE, SsoError } from '$lib/server/sso/oidc';
import { refuse } from '$lib/server/sso/refuse';
import { ssoForSlug } from '$lib/server/sso/settings';

/**
 * "Continue with <organisation>": off to the organisation's OpenID provider. A link, not a
 * form: the pages' policy (`form-action 'self'`) rightly stops a form from being redirected
 * to another site. Each start stores a row for 10 minutes, so starts are limited per address.
 */
export const load: PageServerLoad = async ({ params, locals, cookies, url, getClientAddress }) => {
	const { db } = locals.app;
	const limited = await hitRateLimits(db, [
		{ key: `sso:${addressKey(getClientAddress())}`, limit: { max: 60, windowMinutes: 10 } }
	]);
	if (limited.limited) error(429, { message: 'tooMany' });
	const found = await ssoForSlug(db, params.organisation);
	try {
		if (!found)
			throw new SsoError('notAvailable', `no enabled provider for ${params.organisation}`);
		const { url: target, state } = await beginSignIn(
			db,
			found.organisationId,
			found.settings,
			`${url.origin}/sign-in/sso/callback`,
			safeReturnTo(url.searchParams.get('returnTo'), url.origin) ?? ''
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
};
