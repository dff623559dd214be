import * as client from 'openid-client';
import { isAllowedIssuer, type SsoRefusal } from '$lib/domain/sso';
import type { Db } from '../db/database';
import { signingAlg, signingKey } from './client-key';
import { addressRefusal, providerFetch, type ProviderAddressError } from './provider-fetch';
import type { SsoRuntime, SsoSettings } from './settings';

/*
 * OpenID Connect sign-in, authorization code flow with PKCE, through `openid-client`.
 *
 * begin:  a random state, nonce and PKCE verifier are stored in oidc_login (keyed by state,
 *         10 minutes) and the browser is sent to the provider; the state also goes in a
 *         cookie, so a callback only counts in the browser that started it.
 *         The token endpoint is called with client_secret_post or private_key_jwt (the
 *         organisation's choice, see discover).
 * finish: the oidc_login row is deleted as it is read (single use: a replayed state finds
 *         nothing), then openid-client exchanges the code and checks the ID token: its
 *         signature against the provider's published keys (enableNonRepudiationChecks: by
 *         default a token fetched straight from the token endpoint is not signature-checked),
 *         issuer, audience (our client id), expiry, and the nonce.
 * Every request to the provider goes through providerFetch (provider-fetch.ts): only to public
 * addresses, or to the networks the install allows.
 * Every failure becomes an SsoError with a reason the person is shown in their language.
 */

export const LOGIN_TTL_MS = 10 * 60_000;
export const SSO_STATE_COOKIE = 'sso_state';
/** Seconds before a provider that does not answer counts as unreachable. */
const TIMEOUT_SECONDS = 10;

export class SsoError extends Error {
	constructor(
		readonly reason: SsoRefusal,
		/** For the server's log only: never shown, never holds a token. */
		readonly detail = ''
	) {
		super(`SSO sign-in refused: ${reason}${detail ? ` (${detail})` : ''}`);
	}
}

/**
 * The provider's host is (or resolves to) an address that is not public and not in the
 * install's SSO_ALLOWED_NETWORKS. Staff are told the provider cannot be reached; the admin's
 * form names the issuer.
 */
export class ProviderAddressRefused extends SsoError {
	constructor(readonly refusal: ProviderAddressError) {
		super('providerUnreachable', refusal.message);
	}
}

/** What the install allows of an organisation's provider: plain http on this machine, networks. */
export type ProviderAccess = Pick<SsoRuntime, 'allowInsecureIssuer' | 'allowedNetworks'>;

export type ProviderSettings = Pick<
	SsoSettings,
	'issuer' | 'clientId' | 'clientAuth' | 'clientSecret' | 'privateKey'
>;

/**
 * Fetches the provider's metadata and sets up how the toolkit authenticates at its token
 * endpoint: client_secret_post, or private_key_jwt signed with the toolkit's key (in an
 * algorithm the provider lists). No secret and no key: only "test discovery", which never
 * reaches the token endpoint. An http:// issuer is refused unless the install allows it on
 * this machine; a provider that cannot be reached, or is at an address the install does not
 * allow (ProviderAddressRefused), is an SsoError.
 */
export async function discover(
	settings: ProviderSettings,
	access: ProviderAccess
): Promise<client.Configuration> {
	const issuer = new URL(settings.issuer);
	const insecure = issuer.protocol !== 'https:';
	if (insecure && !(access.allowInsecureIssuer && isAllowedIssuer(settings.issuer, true)))
		throw new SsoError(
			'notAvailable',
			'the issuer is not https:// (http:// only on this machine, with SSO_ALLOW_INSECURE_ISSUER=1)'
		);
	const execute = [
		client.enableNonRepudiationChecks,
		...(insecure ? [client.allowInsecureRequests] : [])
	];
	const secret = settings.clientAuth === 'clientSecret' ? settings.clientSecret : '';
	const guarded = providerFetch(access.allowedNetworks);
	let config: client.Configuration;
	try {
		config = await client.discovery(
			issuer,
			settings.clientId,
			secret || undefined,
			secret ? client.ClientSecretPost(secret) : client.None(),
			{ timeout: TIMEOUT_SECONDS, execute, [client.customFetch]: guarded }
		);
	} catch (error) {
		const refused = addressRefusal(error);
		throw refused
			? new ProviderAddressRefused(refused)
			: new SsoError('providerUnreachable', summarise(error));
	}
	if (settings.clientAuth !== 'privateKeyJwt' || !settings.privateKey) return config;
	const metadata = config.serverMetadata();
	const alg = signingAlg(metadata.token_endpoint_auth_signing_alg_values_supported);
	const withKey = new client.Configuration(
		{ ...metadata },
		settings.clientId,
		undefined,
		client.PrivateKeyJwt(await signingKey(settings.privateKey, alg))
	);
	withKey.timeout = TIMEOUT_SECONDS;
	withKey[client.customFetch] = guarded;
	for (const option of execute) option(withKey);
	return withKey;
}

export interface BeganSignIn {
	url: URL;
	state: string;
}

export async function beginSignIn(
	db: Db,
	organisationId: string,
	settings: SsoSettings,
	redirectUri: string,
	returnTo: string,
	access: ProviderAccess,
	now = new Date()
): Promise<BeganSignIn> {
	const config = await discover(settings, access);
	const state = client.randomState();
	const nonce = client.randomNonce();
	const codeVerifier = client.randomPKCECodeVerifier();
	await db
		.insertInto('oidc_login')
		.values({
			state,
			organisation_id: organisationId,
			code_verifier: codeVerifier,
			nonce,
			return_to: returnTo,
			created_at: now.toISOString(),
			expires_at: new Date(now.getTime() + LOGIN_TTL_MS).toISOString()
		})
		.execute();
	const url = client.buildAuthorizationUrl(config, {
		redirect_uri: redirectUri,
		scope: 'openid email profile',
		response_type: 'code',
		state,
		nonce,
		code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256'
	});
	return { url, state };
}

export interface FinishedSignIn {
	organisationId: string;
	returnTo: string;
	/** "<issuer> <sub>", the person's lasting identity at this provider. */
	subject: string;
	claims: client.IDToken;
}

/**
 * Takes the stored sign-in for the callback's state (deleting it), then lets openid-client
 * exchange the code and check the ID token. `cookieState`: the state this browser started.
 */
export async function finishSignIn(
	db: Db,
	callbackUrl: URL,
	cookieState: string | undefined,
	loadSettings: (organisationId: string) => Promise<SsoSettings | null>,
	access: ProviderAccess,
	now = new Date()
): Promise<FinishedSignIn & { settings: SsoSettings }> {
	const state = callbackUrl.searchParams.get('state') ?? '';
	const login = state
		? await db
				.deleteFrom('oidc_login')
				.where('state', '=', state) // tenancy: the state decides the organisation
				.returningAll()
				.executeTakeFirst()
		: undefined;
	if (!login) throw new SsoError('stateUnknown', 'no such state (replayed, used or never made)');
	if (cookieState !== state) throw new SsoError('stateUnknown', 'state is not this browser’s');
	if (Date.parse(login.expires_at) <= now.getTime())
		throw new SsoError('stateExpired', 'sign-in took more than 10 minutes');
	const providerError = callbackUrl.searchParams.get('error');
	if (providerError) throw new SsoError('providerRefused', providerError.slice(0, 100));

	const settings = await loadSettings(login.organisation_id);
	if (!settings?.enabled) throw new SsoError('notAvailable', 'single sign-on was turned off');
	const config = await discover(settings, access);
	let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
	try {
		tokens = await client.authorizationCodeGrant(config, callbackUrl, {
			pkceCodeVerifier: login.code_verifier,
			expectedState: state,
			expectedNonce: login.nonce,
			idTokenExpected: true
		});
	} catch (error) {
		throw classify(error);
	}
	const claims = tokens.claims();
	if (!claims) throw new SsoError('tokenInvalid', 'no ID token');
	return {
		organisationId: login.organisation_id,
		returnTo: login.return_to,
		subject: `${claims.iss} ${claims.sub}`,
		claims,
		settings
	};
}

function codeOf(error: unknown): string {
	for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && code.startsWith('OAUTH_')) return code;
	}
	return '';
}

function summarise(error: unknown): string {
	const code = codeOf(error);
	const messages: string[] = [];
	for (let e = error; e && messages.length < 4; e = (e as { cause?: unknown }).cause)
		messages.push(e instanceof Error ? e.message : typeof e === 'string' ? e : '');
	return `${code ? `${code}: ` : ''}${messages.filter(Boolean).join(' ← ')}`.slice(0, 300);
}

function classify(error: unknown): SsoError {
	const refused = addressRefusal(error);
	if (refused) return new ProviderAddressRefused(refused);
	const code = codeOf(error);
	const detail = summarise(error);
	if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' && /exp|expired/i.test(detail))
		return new SsoError('tokenExpired', detail);
	if (code === 'OAUTH_RESPONSE_BODY_ERROR' || code === 'OAUTH_AUTHORIZATION_RESPONSE_ERROR')
		return new SsoError('providerRefused', detail);
	if (isNetworkFailure(error)) return new SsoError('providerUnreachable', detail);
	return new SsoError('tokenInvalid', detail);
}

function isNetworkFailure(error: unknown): boolean {
	for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		if (e instanceof TypeError) return true;
		const name = (e as { name?: unknown }).name;
		if (name === 'AbortError' || name === 'TimeoutError') return true;
	}
	return false;
}
