import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formatRoleMap, ssoSettingsForm } from '$lib/domain/sso';
import { requirePageRole } from '$lib/server/auth/guard';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { ClientKeyError, normaliseClientKey, publicJwk } from '$lib/server/sso/client-key';
import { discover, ProviderAddressRefused, SsoError } from '$lib/server/sso/oidc';
import { issuerHostAllowed } from '$lib/server/sso/provider-fetch';
import { SecretKeyError } from '$lib/server/sso/secret-box';
import {
	getSsoSettings,
	jwksPath,
	saveSsoSettings,
	type SsoRuntime
} from '$lib/server/sso/settings';
import type { Db } from '$lib/server/db/database';

const redirectUri = (url: URL) => `${url.origin}/sign-in/sso/callback`;

/** An issuer on a private or local network the install does not allow (provider-fetch.ts). */
const issuerAddressError = { field: 'issuer', message: 'sso.errors.issuerAddress' };

/**
 * The stored settings with their secrets opened; if this server's key cannot open them (the
 * key changed), the settings without them, and `unreadable`: the admin enters them again.
 */
async function storedSettings(db: Db, sso: SsoRuntime, organisationId: string) {
	try {
		return { settings: await getSsoSettings(db, sso.key, organisationId), unreadable: false };
	} catch (e) {
		if (!(e instanceof SecretKeyError)) throw e;
		return { settings: await getSsoSettings(db, null, organisationId), unreadable: true };
	}
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'admin', url);
	const { db, sso } = locals.app;
	const { settings, unreadable } = await storedSettings(db, sso, user.organisationId);
	return {
		titleKey: 'admin:sso.title',
		redirectUri: redirectUri(url),
		jwksUrl: `${url.origin}${await jwksPath(db, user.organisationId)}`,
		saved: url.searchParams.has('saved'),
		unreadable,
		// Neither the secret nor the private key ever leaves the server: only that one is set,
		// and the key's public half.
		secretSet: !!settings?.clientSecret,
		publicJwk: settings?.privateKey ? publicJwk(settings.privateKey) : null,
		values: {
			issuer: settings?.issuer ?? '',
			clientId: settings?.clientId ?? '',
			clientAuth: settings?.clientAuth ?? 'clientSecret',
			allowedDomain: settings?.allowedDomains.join(' ') ?? '',
			roleClaim: settings?.roleClaim ?? '',
			roleMap: settings ? formatRoleMap(settings.roleMap) : '',
			enabled: settings?.enabled ?? false
		}
	};
};

type Values = Record<string, string>;

/** The refused form's values, without the secret or the key: never sent back to the page. */
function shownValues(schema: ReturnType<typeof ssoSettingsForm>, form: FormData): Values {
	const values: Values = formValues(schema, form);
	delete values.clientSecret;
	delete values.privateKey;
	return values;
}

/** The key the admin pasted, as PKCS#8; '' if none; null if it is not a usable key. */
function pastedKey(text: string): string | null {
	if (!text.trim()) return '';
	try {
		return normaliseClientKey(text);
	} catch (e) {
		if (e instanceof ClientKeyError) return null;
		throw e;
	}
}

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const user = requirePageRole(locals.user, 'admin', url);
		const { db, sso } = locals.app;
		const schema = ssoSettingsForm(sso.allowInsecureIssuer);
		const form = await readForm(request);
		const values = shownValues(schema, form);
		const parsed = parseForm(schema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const input = parsed.data;
		const { settings: stored } = await storedSettings(db, sso, user.organisationId);
		const privateKey = pastedKey(input.privateKey);
		const errors = [
			input.clientAuth === 'clientSecret' && !input.clientSecret && !stored?.clientSecret
				? { field: 'clientSecret', message: 'sso.errors.clientSecret' }
				: null,
			input.clientAuth === 'privateKeyJwt' && privateKey === null
				? { field: 'privateKey', message: 'sso.errors.privateKey' }
				: null,
			(await issuerHostAllowed(input.issuer, sso.allowedNetworks)) ? null : issuerAddressError
		].filter((e) => e !== null);
		if (errors.length) return fail(400, { errors, values });
		await saveSsoSettings(db, sso.key, user, stored, {
			issuer: input.issuer,
			clientId: input.clientId,
			clientAuth: input.clientAuth,
			clientSecret: input.clientSecret,
			privateKey: input.clientAuth === 'privateKeyJwt' ? (privateKey ?? '') : '',
			allowedDomains: input.allowedDomain,
			roleClaim: input.roleClaim,
			roleMap: input.roleMap,
			enabled: input.enabled === 'on'
		});
		redirect(303, '/admin/sso?saved=1');
	},

	/** Fetches the issuer's metadata and says plainly what came back, or what went wrong. */
	test: async ({ locals, url, request }) => {
		requirePageRole(locals.user, 'admin', url);
		const { sso } = locals.app;
		const schema = ssoSettingsForm(sso.allowInsecureIssuer);
		const form = await readForm(request);
		const values = shownValues(schema, form);
		const issuer = schema.shape.issuer.safeParse(values.issuer ?? '');
		if (!issuer.success)
			return fail(400, { errors: [{ field: 'issuer', message: 'sso.errors.issuer' }], values });
		try {
			const config = await discover(
				{
					issuer: issuer.data,
					clientId: values.clientId || 'discovery-test',
					clientAuth: 'clientSecret',
					clientSecret: '',
					privateKey: null
				},
				sso
			);
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
			if (e instanceof ProviderAddressRefused)
				return fail(400, { errors: [issuerAddressError], values });
			if (!(e instanceof SsoError)) throw e;
			return fail(502, { values, discovery: { ok: false as const, detail: e.detail } });
		}
	}
};
