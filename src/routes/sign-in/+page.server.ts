import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { homeFor, SignInForm } from '$lib/domain/staff';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { beginSignInAttempt, markSignInSucceeded } from '$lib/server/auth/sign-in-limits';
import { parseForm } from '$lib/server/forms/parse-form';
import { verifyCredentials } from '$lib/server/repositories/staff-accounts';

/**
 * Only a path on this site: resolved the way a browser would (which ignores tabs and turns
 * backslashes into slashes), it must keep our origin, or a crafted link could send someone
 * elsewhere after signing in.
 */
function safeReturnTo(value: string | null, origin: string): string | null {
	if (!value?.startsWith('/')) return null;
	const target = new URL(value, origin);
	return target.origin === origin ? `${target.pathname}${target.search}` : null;
}

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, homeFor(locals.user.role));
	return { titleKey: 'auth:signIn.title' };
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const parsed = parseForm(SignInForm, form);
		if (!parsed.ok) return fail(400, { email, errors: parsed.errors, retryAfterMinutes: 0 });

		const { db, config } = locals.app;
		const address = getClientAddress();
		const throttle = await beginSignInAttempt(db, parsed.data.email, address);
		if (throttle.limited)
			return fail(429, {
				email,
				errors: [{ field: 'email', message: 'signIn.errors.tooMany' }],
				retryAfterMinutes: throttle.retryAfterMinutes
			});

		const account = await verifyCredentials(db, parsed.data.email, parsed.data.password);
		if (account && throttle.attemptId !== undefined)
			await markSignInSucceeded(db, throttle.attemptId);
		if (!account)
			return fail(400, {
				email,
				errors: [{ field: 'email', message: 'signIn.errors.wrong' }],
				retryAfterMinutes: 0
			});

		const session = await createSession(db, account.id, config.sessionHours);
		cookies.set(SESSION_COOKIE, session.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			expires: session.expiresAt
		});
		redirect(
			303,
			safeReturnTo(url.searchParams.get('returnTo'), url.origin) ?? homeFor(account.role)
		);
	}
};
