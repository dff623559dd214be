import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { readForm } from '$lib/server/http/body-limit';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, request }) => {
		if (locals.sessionToken) await endSession(locals.app.db, locals.sessionToken);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		// "Switch user" on a ward tablet: the next person lands back on the ward after signing in.
		const next = (await readForm(request)).get('returnTo');
		const returnTo = next === '/ward' ? '&returnTo=%2Fward' : '';
		redirect(303, `/sign-in?signedOut=1${returnTo}`);
	}
};
