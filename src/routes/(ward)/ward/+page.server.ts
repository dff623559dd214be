import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { Id } from '$lib/domain/ids';
import { requirePageRole } from '$lib/server/auth/guard';
import { signOutKeyOf } from '$lib/server/auth/sessions';
import { parseForm } from '$lib/server/forms/parse-form';
import { getWard } from '$lib/server/repositories/organisations';
import { loadWardContent } from '$lib/server/ward-content';
import { readForm } from '$lib/server/http/body-limit';

/** The ward this device is set to: chosen once, kept across sign-ins on a shared tablet. */
const DEVICE_WARD_COOKIE = 'device_ward';

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	const user = requirePageRole(locals.user, 'ward', url);
	const content = await loadWardContent(locals.app.db, user.organisationId);
	const chosen = cookies.get(DEVICE_WARD_COOKIE) ?? user.wardId;
	const ward = content.wards.find((w) => w.id === chosen) ?? null;
	return {
		titleKey: 'ward:title',
		content,
		ward,
		changingWard: url.searchParams.has('change-ward') || ward === null,
		staff: { id: user.id, displayName: user.displayName, email: user.email, role: user.role },
		// Kept on the tablet so that signing out offline can end this session once it is online.
		signOutKey: locals.sessionToken ? signOutKeyOf(locals.sessionToken) : null
	};
};

export const actions: Actions = {
	setWard: async ({ locals, request, cookies, url }) => {
		const user = requirePageRole(locals.user, 'ward', url);
		const parsed = parseForm(z.strictObject({ wardId: Id }), await readForm(request));
		if (!parsed.ok)
			return fail(400, { errors: [{ field: 'wardId', message: 'setup.errors.ward' }] });
		const ward = await getWard(locals.app.db, user.organisationId, parsed.data.wardId);
		if (!ward) return fail(400, { errors: [{ field: 'wardId', message: 'setup.errors.ward' }] });
		cookies.set(DEVICE_WARD_COOKIE, ward.id, {
			path: '/',
			maxAge: 60 * 60 * 24 * 365 * 2,
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:'
		});
		redirect(303, '/ward');
	}
};
