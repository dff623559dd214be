import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { homeFor } from '$lib/domain/staff';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { securityEvent } from '$lib/server/operations/log';
import { accountForIdentity } from '$lib/server/sso/accounts';
import { finishSignIn, SSO_STATE_COOKIE } from '$lib/server/sso/oidc';
import { refuse } from '$lib/server/sso/refuse';
import { getSsoSettings } from '$lib/server/sso/settings';

/** The provider sends the person back here with a code; a session, or a clear refusal. */
export const load: PageServerLoad = async ({ url, cookies, locals, getClientAddress }) => {
	const { db, config, sso } = locals.app;
	const cookieState = cookies.get(SSO_STATE_COOKIE);
	cookies.delete(SSO_STATE_COOKIE, { path: '/sign-in/sso' });
	let organisationId: string | null = null;
	let destination: string;
	try {
		const signIn = await finishSignIn(
			db,
			url,
			cookieState,
			(id) => {
				organisationId = id;
				return getSsoSettings(db, sso.key, id);
			},
			sso
		);
		const account = await accountForIdentity(db, signIn, signIn.settings);
		const session = await createSession(db, account.id, config.sessionHours);
		securityEvent('signIn.succeeded', {
			via: 'sso',
			address: getClientAddress(),
			organisationId: account.organisationId,
			accountId: account.id,
			role: account.role
		});
		cookies.set(SESSION_COOKIE, session.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			expires: session.expiresAt
		});
		destination = signIn.returnTo || homeFor(account.role);
	} catch (e) {
		refuse(e, organisationId);
	}
	redirect(303, destination);
};
