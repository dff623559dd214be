import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formatRoleMap, SsoSettingsForm } from '$lib/domain/sso';
import { requirePageRole } from '$lib/server/auth/guard';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { discover, SsoError } from '$lib/server/sso/oidc';
import { getSsoSettings, saveSsoSettings, secretHint } from '$lib/server/sso/settings';

const redirectUri = (url: URL) => `${url.origin}/sign-in/sso/callback`;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	const settings = await getSsoSettings(locals.app.db, user.organisationId);
	return {
		titleKey: 'admin:sso.title',
		redirectUri: redirectUri(url),
		saved: url.searchParams.has('saved'),
		// The secret never leaves the server: only its last four characters, to recognise it.
		secretHint: settings ? secretHint(settings.clientSecret) : null,
		values: {
			issuer: settings?.issuer ?? '',
			clientId: settings?.clientId ?? '',
			allowedDomain: settings?.allowedDomains.join(' ') ?? '',
			roleClaim: settings?.roleClaim ?? '',
			roleMap: settings ? formatRoleMap(settings.roleMap) : '',
			enabled: settings?.enabled ?? false
		}
	};
};

type Values = Record<string, string>;

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'admin', url);
		const form = await readForm(request);
		const values: Values = formValues(SsoSettingsForm, form);
		delete values.clientSecret;
		const parsed = parseForm(SsoSettingsForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const { db } = locals.app;
		const stored = await getSsoSettings(db, user.organisationId);
		if (!parsed.data.clientSecret && !stored)
			return fail(400, {
				errors: [{ field: 'clientSecret', message: 'sso.errors.clientSecret' }],
				values
			});
		await saveSsoSettings(db, user, {
			issuer: parsed.data.issuer,
			clientId: parsed.data.clientId,
			clientSecret: parsed.data.clientSecret,
			allowedDomains: parsed.data.allowedDomain,
			roleClaim: parsed.data.roleClaim,
			roleMap: parsed.data.roleMap,
			enabled: parsed.data.enabled === 'on'
		});
		redirect(303, '/admin/sso?saved=1');
	},

	/** Fetches the issuer's metadata and says plainly what came back, or what went wrong. */
	test: async ({ locals, url, request }) => {
		requirePageRole(locals.user, 'admin', url);
		const form = await readForm(request);
		const values: Values = formValues(SsoSettingsForm, form);
		delete values.clientSecret;
		const issuer = SsoSettingsForm.shape.issuer.safeParse(values.issuer ?? '');
		if (!issuer.success)
			return fail(400, { errors: [{ field: 'issuer', message: 'sso.errors.issuer' }], values });
		try {
			const config = await discover({
				issuer: issuer.data,
				clientId: values.clientId || 'discovery-test',
				clientSecret: ''
			});
			const metadata = config.serverMetadata();
			return {
				values,
				discovery: {
					ok: true as const,
					issuer: metadata.issuer,
					authorization: metadata.authorization_endpoint ?? '',
					token: metadata.token_endpoint ?? ''
				}
			};
		} catch (e) {
			if (!(e instanceof SsoError)) throw e;
			return fail(502, { values, discovery: { ok: false as const, detail: e.detail } });
		}
	}
};
