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
	const { db, sso } = locals.app;
	const limited = await hitRateLimits(db, [
		{ key: `sso:${addressKey(getClientAddress())}`, limit: { max: 60, windowMinutes: 10 } }
	]);
	if (limited.limited) error(429, { message: 'tooMany' });
	let organisationId: string | null = null;
	let target: URL;
	try {
		const found = await ssoForSlug(db, sso.key, params.organisation);
		if (!found)
			throw new SsoError('notAvailable', `no enabled provider for ${params.organisation}`);
		organisationId = found.organisationId;
		const began = await beginSignIn(
			db,
			found.organisationId,
			found.settings,
			`${url.origin}/sign-in/sso/callback`,
			safeReturnTo(url.searchParams.get('returnTo'), url.origin) ?? '',
			sso
		);
		cookies.set(SSO_STATE_COOKIE, began.state, {
			path: '/sign-in/sso',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: LOGIN_TTL_MS / 1000
		});
		target = began.url;
	} catch (e) {
		refuse(e, organisationId);
	}
	redirect(303, target.href);
};
