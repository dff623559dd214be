import { createSign, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import type { Server } from 'node:http';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/**
 * A real OpenID provider (`oidc-provider`) for journeys, on 127.0.0.1. Its sign-in page takes
 * any login name; the people below are who it vouches for. `tokenMode` rewrites the next
 * token answers' ID token, as an attacker or a broken provider might:
 *  - 'tampered': a claim changed, the signature left as it was;
 *  - 'expired': re-signed with the provider's own key, but expired an hour ago;
 *  - 'audience': re-signed with the provider's own key, for another client.
 */
export const people: Record<string, Record<string, unknown>> = {
	ward7: { email: 'ward7@demo.example', email_verified: true, name: 'Wren Ward' },
	newlead: {
		email: 'new.lead@demo.example',
		email_verified: true,
		name: 'Nadia Newlead',
		groups: ['everyone', 'toolkit-leads']
	},
	stranger: { email: 'stranger@demo.example', email_verified: true, name: 'Sam Stranger' },
	outsider: { email: 'someone@elsewhere.example', email_verified: true, name: 'Olu Outsider' }
};

export type TokenMode = 'tampered' | 'expired' | 'audience' | null;

export class OidcTestProvider {
	readonly issuer: string;
	tokenMode: TokenMode = null;
	#server: Server | null = null;
	#key = generateKeyPairSync('rsa', { modulusLength: 2048 });
	#kid = 'test-key';

	/**
	 * `client`: the toolkit authenticating with a client secret; `keyClient`: the toolkit
	 * authenticating with private_key_jwt, whose public key the provider fetches from the
	 * toolkit's JWKS address (when it first needs it, so the key can be made after start).
	 */
	constructor(
		readonly port: number,
		readonly client: { id: string; secret: string; redirectUri: string },
		readonly keyClient?: { id: string; jwksUri: string }
	) {
		this.issuer = `http://127.0.0.1:${port}`;
	}

	async start(): Promise<void> {
		const jwk = {
			...(this.#key.privateKey.export({ format: 'jwk' }) as JsonWebKey),
			kid: this.#kid,
			alg: 'RS256',
			use: 'sig'
		};
		const provider = new Provider(this.issuer, {
			clients: [
				{
					client_id: this.client.id,
					client_secret: this.client.secret,
					redirect_uris: [this.client.redirectUri],
					grant_types: ['authorization_code'],
					response_types: ['code'],
					token_endpoint_auth_method: 'client_secret_post'
				},
				...(this.keyClient
					? [
							{
								client_id: this.keyClient.id,
								redirect_uris: [this.client.redirectUri],
								grant_types: ['authorization_code'],
								response_types: ['code'],
								token_endpoint_auth_method: 'private_key_jwt',
								jwks_uri: this.keyClient.jwksUri
							} as const
						]
					: [])
			],
			jwks: { keys: [jwk as never] },
			// The toolkit's JWKS address is on 127.0.0.1, which oidc-provider's own fetch refuses
			// (its guard against a client pointing the provider at internal addresses).
			fetch: (url, options) => {
				const unguarded: RequestInit & { dispatcher?: unknown } = { ...options };
				delete unguarded.dispatcher;
				return globalThis.fetch(url, unguarded);
			},
			cookies: { keys: ['a test provider cookie key'] },
			claims: {
				openid: ['sub'],
				email: ['email', 'email_verified'],
				profile: ['name', 'groups']
			},
			// The app reads the person from the ID token, as it does from Entra ID.
			conformIdTokenClaims: false,
			findAccount: (_ctx, id) => ({
				accountId: id,
				claims: () => ({ sub: id, ...(people[id] ?? {}) })
			}),
			renderError: (ctx, out, error) => {
				console.error('test OpenID provider error', out, error);
				ctx.type = 'html';
				ctx.body = `<!doctype html><title>Provider error</title><h1>${out.error}</h1>`;
			},
			// A first-party client: no consent screen.
			loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
				const { oidc } = ctx;
				const clientId = oidc.client!.clientId;
				const existing = oidc.session!.grantIdFor(clientId);
				if (existing) return oidc.provider.Grant.find(existing);
				const grant = new oidc.provider.Grant({ clientId, accountId: oidc.session!.accountId });
				grant.addOIDCScope('openid email profile');
				await grant.save();
				return grant;
			}
		});
		provider.use(async (ctx, next) => {
			await next();
			const body = ctx.body as { id_token?: string } | undefined;
			if (ctx.path === '/token' && this.tokenMode && body?.id_token)
				ctx.body = { ...body, id_token: this.#rewrite(body.id_token, this.tokenMode) };
		});
		await new Promise<void>((resolve) => {
			this.#server = provider.listen(this.port, '127.0.0.1', () => resolve());
		});
	}

	async stop(): Promise<void> {
		const server = this.#server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
		this.#server = null;
	}

	#rewrite(token: string, mode: Exclude<TokenMode, null>): string {
		const [header, payload, signature] = token.split('.');
		const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
			string,
			unknown
		>;
		const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
		if (mode === 'tampered')
			return `${header}.${encode({ ...claims, email: 'admin@demo.example' })}.${signature}`;
		const now = Math.floor(Date.now() / 1000);
		const changed =
			mode === 'expired'
				? { ...claims, iat: now - 7200, exp: now - 3600 }
				: { ...claims, aud: 'another-client' };
		const signingInput = `${encode({ alg: 'RS256', typ: 'JWT', kid: this.#kid })}.${encode(changed)}`;
		const signer = createSign('RSA-SHA256');
		signer.update(signingInput);
		return `${signingInput}.${signer.sign(this.#key.privateKey).toString('base64url')}`;
	}
}
