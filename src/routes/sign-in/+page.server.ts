import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { homeFor, SignInForm } from '$lib/domain/staff';
import { safeReturnTo } from '$lib/server/auth/return-to';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { beginSignInAttempt, markSignInSucceeded } from '$lib/server/auth/sign-in-limits';
import { parseForm } from '$lib/server/forms/parse-form';
import { emailFingerprint, securityEvent } from '$lib/server/operations/log';
import { checkCredentials, noteSignIn } from '$lib/server/repositories/staff-accounts';
import { readForm } from '$lib/server/http/body-limit';
import { ssoChoices } from '$lib/server/sso/choices';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, homeFor(locals.user.role));
	return { titleKey: 'auth:signIn.title', sso: await ssoChoices(locals.app.db, url) };
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = await readForm(request);
		const email = String(form.get('email') ?? '');
		const parsed = parseForm(SignInForm, form);
		if (!parsed.ok) return fail(400, { email, errors: parsed.errors, retryAfterMinutes: 0 });

		const { db, config } = locals.app;
		const address = getClientAddress();
		const throttle = await beginSignInAttempt(db, parsed.data.email, address);
		const attempt = { via: 'password', email: emailFingerprint(parsed.data.email), address };
		if (throttle.limited) {
			securityEvent('signIn.lockedOut', attempt);
			return fail(429, {
				email,
				errors: [{ field: 'email', message: 'signIn.errors.tooMany' }],
				retryAfterMinutes: throttle.retryAfterMinutes
			});
		}

		// Only accounts whose organisation has not throttled this email (sign-in-limits.ts).
		const checked = await checkCredentials(
			db,
			parsed.data.email,
			parsed.data.password,
			throttle.organisationIds
		);
		if (checked.ok && throttle.attemptId !== undefined)
			await markSignInSucceeded(db, throttle.attemptId);
		if (!checked.ok) {
			securityEvent('signIn.failed', { ...attempt, reason: checked.reason });
			return fail(checked.reason === 'suspended' ? 403 : 400, {
				email,
				errors: [
					{
						field: 'email',
						message: checked.reason === 'suspended' ? 'platform.suspended' : 'signIn.errors.wrong'
					}
				],
				retryAfterMinutes: 0
			});
		}
		const { account } = checked;

		await noteSignIn(db, account.id);
		const session = await createSession(db, account.id, config.sessionHours);
		securityEvent('signIn.succeeded', {
			...attempt,
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
		redirect(
			303,
			safeReturnTo(url.searchParams.get('returnTo'), url.origin) ?? homeFor(account.role)
		);
	}
};
