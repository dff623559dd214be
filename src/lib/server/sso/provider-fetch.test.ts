import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNetworks, type Network } from '../http/public-address';
import {
	addressRefusal,
	issuerHostAllowed,
	providerFetch,
	ProviderAddressError,
	type Resolve
} from './provider-fetch';

const networks = (text: string): Network[] => {
	const parsed = parseNetworks(text);
	if (!('networks' in parsed)) throw new Error(parsed.error);
	return parsed.networks;
};

/** A provider on this machine that counts what reaches it. */
let server: Server;
let port: number;
const seen: Array<{ method: string; url: string; body: string; type: string }> = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			seen.push({
				method: req.method ?? '',
				url: req.url ?? '',
				body,
				type: req.headers['content-type'] ?? ''
			});
			if (req.url === '/moved') {
				res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
			res.end(JSON.stringify({ ok: true }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = {
	method: 'GET',
	headers: { accept: 'application/json' },
	body: undefined,
	redirect: 'manual'
} as const;

/** Answers every name with these addresses, as a DNS server the admin controls might. */
const answering =
	(...addresses: string[]): Resolve =>
	async () =>
		addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

async function refusalOf(promise: Promise<unknown>) {
	return promise.then(
		() => null,
		(error: unknown) => addressRefusal(error)
	);
}

describe('providerFetch', () => {
	it('refuses a loopback address written in the URL, before any connection', async () => {
		seen.length = 0;
		const refused = await refusalOf(providerFetch([])(`http://127.0.0.1:${port}/x`, get));
		expect(refused).toBeInstanceOf(ProviderAddressError);
		expect(refused?.address).toBe('127.0.0.1');
		await expect(providerFetch([])(`http://[::ffff:127.0.0.1]:${port}/x`, get)).rejects.toThrow(
			TypeError
		);
		expect(seen).toEqual([]);
	});

	it('refuses a name whose lookup answers loopback, at the connection the answer is used for', async () => {
		seen.length = 0;
		const fetch = providerFetch([], answering('127.0.0.1'));
		const refused = await refusalOf(fetch(`http://idp.trust.example:${port}/x`, get));
		expect(refused).toMatchObject({ host: 'idp.trust.example', address: '127.0.0.1' });
		// A public answer beside it does not make it trusted (rebinding answers both).
		const mixed = providerFetch([], answering('8.8.8.8', '127.0.0.1'));
		expect(await refusalOf(mixed(`http://idp.trust.example:${port}/x`, get))).toMatchObject({
			address: '127.0.0.1'
		});
		expect(seen).toEqual([]);
	});

	it('connects to the answer it checked when SSO_ALLOWED_NETWORKS allows it, as fetch would answer', async () => {
		seen.length = 0;
		const fetch = providerFetch(networks('127.0.0.1/32'), answering('127.0.0.1'));
		const answer = await fetch(
			`http://idp.trust.example:${port}/.well-known/openid-configuration`,
			get
		);
		expect(answer).toBeInstanceOf(Response);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('application/json');
		expect(answer.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
		expect(await answer.json()).toEqual({ ok: true });

		const posted = await providerFetch(networks('127.0.0.1/32'))(`http://127.0.0.1:${port}/token`, {
			method: 'POST',
			headers: {},
			body: new URLSearchParams({ grant_type: 'authorization_code', code: 'c' }),
			redirect: 'manual'
		});
		expect(posted.status).toBe(200);
		expect(seen.map((s) => [s.method, s.url])).toEqual([
			['GET', '/.well-known/openid-configuration'],
			['POST', '/token']
		]);
		expect(seen[1]).toMatchObject({
			body: 'grant_type=authorization_code&code=c',
			type: 'application/x-www-form-urlencoded;charset=UTF-8'
		});
	});

	it('never follows a redirect (to a metadata service, say): the 302 is the answer', async () => {
		const answer = await providerFetch(networks('127.0.0.1/32'))(
			`http://127.0.0.1:${port}/moved`,
			get
		);
		expect(answer.status).toBe(302);
		expect(answer.headers.get('location')).toBe('http://169.254.169.254/');
	});

	it('gives up as fetch does when the signal aborts', async () => {
		const signal = AbortSignal.abort(new DOMException('too slow', 'TimeoutError'));
		await expect(
			providerFetch(networks('127.0.0.1/32'))(`http://127.0.0.1:${port}/x`, { ...get, signal })
		).rejects.toMatchObject({ name: 'TimeoutError' });
	});
});

describe('issuerHostAllowed', () => {
	it('checks an address in the issuer, and every address its name resolves to', async () => {
		expect(await issuerHostAllowed('https://10.1.2.3/idp', [])).toBe(false);
		expect(await issuerHostAllowed('https://[fd00::5]/idp', [])).toBe(false);
		expect(await issuerHostAllowed('https://10.1.2.3/idp', networks('10.1.0.0/16'))).toBe(true);
		expect(await issuerHostAllowed('https://idp.example', [], answering('192.168.0.4'))).toBe(
			false
		);
		expect(await issuerHostAllowed('https://idp.example', [], answering('20.190.128.1'))).toBe(
			true
		);
		const nowhere: Resolve = () => Promise.reject(new Error('ENOTFOUND'));
		expect(await issuerHostAllowed('https://idp.example', [], nowhere)).toBe(true);
	});
});
