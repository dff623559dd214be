import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNetworks, type Network } from '../http/public-address';
import { generateClientKey } from './client-key';
import { discover, ProviderAddressRefused, type ProviderSettings } from './oidc';
import { addressRefusal } from './provider-fetch';

/*
 * discover() and what openid-client does with its configuration, against a provider on this
 * machine: every request to it goes through the address check (provider-fetch.ts).
 */

const networks = (text: string): Network[] => {
	const parsed = parseNetworks(text);
	if (!('networks' in parsed)) throw new Error(parsed.error);
	return parsed.networks;
};

let server: Server;
let issuer: string;
const paths: string[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		paths.push(req.url ?? '');
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(
			JSON.stringify({
				issuer,
				authorization_endpoint: `${issuer}/auth`,
				// Elsewhere on this machine: a provider's metadata may name any address.
				token_endpoint: 'http://127.0.0.2:9/token',
				jwks_uri: `${issuer}/jwks`
			})
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const settings = (): ProviderSettings => ({
	issuer,
	clientId: 'toolkit',
	clientAuth: 'clientSecret',
	clientSecret: 'secret',
	privateKey: null
});

describe('discover', () => {
	it('refuses a provider on loopback unless SSO_ALLOWED_NETWORKS allows it, asking it nothing', async () => {
		paths.length = 0;
		const refused = await discover(settings(), {
			allowInsecureIssuer: true,
			allowedNetworks: []
		}).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(ProviderAddressRefused);
		expect(refused).toMatchObject({ reason: 'providerUnreachable' });
		expect((refused as ProviderAddressRefused).detail).toMatch(/127\.0\.0\.1 is at 127\.0\.0\.1/);
		expect(paths).toEqual([]);

		const config = await discover(settings(), {
			allowInsecureIssuer: true,
			allowedNetworks: networks('127.0.0.1/32')
		});
		expect(config.serverMetadata().issuer).toBe(issuer);
		expect(paths).toEqual(['/.well-known/openid-configuration']);
	});

	it.each([
		['a client secret', async (): Promise<ProviderSettings> => settings()],
		[
			'private_key_jwt',
			async (): Promise<ProviderSettings> => ({
				...settings(),
				clientAuth: 'privateKeyJwt',
				clientSecret: '',
				privateKey: await generateClientKey()
			})
		]
	])(
		'checks the token endpoint the metadata names too, with %s: not allowed, never reached',
		async (_, provider) => {
			const config = await discover(await provider(), {
				allowInsecureIssuer: true,
				allowedNetworks: networks('127.0.0.1/32')
			});
			const grant = client.authorizationCodeGrant(
				config,
				new URL('http://toolkit.example/sign-in/sso/callback?code=c&state=s'),
				{ expectedState: 's', pkceCodeVerifier: 'v'.repeat(43), idTokenExpected: true }
			);
			const refused = await grant.then(
				() => null,
				(e: unknown) => addressRefusal(e)
			);
			expect(refused).toMatchObject({ host: '127.0.0.2', address: '127.0.0.2' });
		},
		30_000
	);
});
