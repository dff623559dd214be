import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	ClientKeyError,
	generateClientKey,
	normaliseClientKey,
	publicJwk,
	signingAlg,
	signingKey,
	thumbprint
} from './client-key';

const generated = await generateClientKey();

describe('the toolkit’s client key', () => {
	it('generates an RSA key whose public JWK carries its RFC 7638 thumbprint and no private part', async () => {
		expect(generated).toMatch(/^-----BEGIN PRIVATE KEY-----/);
		const jwk = publicJwk(generated);
		expect(Object.keys(jwk).sort()).toEqual(['e', 'kid', 'kty', 'n', 'use']);
		expect(jwk).toMatchObject({ kty: 'RSA', e: 'AQAB', use: 'sig' });
		expect(jwk.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(publicJwk(generated).kid).toBe(jwk.kid);
		expect(publicJwk(await generateClientKey()).kid).not.toBe(jwk.kid);
	}, 60_000);

	it('matches the RFC 7638 example thumbprint', () => {
		const n =
			'0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw';
		expect(thumbprint(n, 'AQAB')).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
	});

	it('accepts a pasted PKCS#1 or PKCS#8 RSA key and refuses anything else', () => {
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
		const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		expect(normaliseClientKey(`  ${pkcs1}\n`)).toBe(pkcs8);
		expect(() => normaliseClientKey('not a key')).toThrow(ClientKeyError);
		const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
		expect(() =>
			normaliseClientKey(small.export({ type: 'pkcs8', format: 'pem' }).toString())
		).toThrow(/2048 bits/);
		const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
		expect(() =>
			normaliseClientKey(ec.export({ type: 'pkcs8', format: 'pem' }).toString())
		).toThrow(/RSA/);
		const publicPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
			.publicKey.export({ type: 'spki', format: 'pem' })
			.toString();
		expect(() => normaliseClientKey(publicPem)).toThrow(ClientKeyError);
	});

	it('signs with an algorithm the provider accepts', () => {
		expect(signingAlg(undefined)).toBe('RS256');
		expect(signingAlg(['PS256', 'RS256', 'RS512'])).toBe('RS256');
		expect(signingAlg(['RS512'])).toBe('RS512');
		expect(signingAlg(['ES256', 'RS384'])).toBe('RS384');
	});

	it('gives a signing key whose signature the public JWK verifies', async () => {
		const { key, kid } = await signingKey(generated, 'RS512');
		const jwk = publicJwk(generated);
		expect(kid).toBe(jwk.kid);
		const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' };
		const data = new TextEncoder().encode('assertion');
		const signature = await webcrypto.subtle.sign(algorithm.name, key, data);
		const verifier = await webcrypto.subtle.importKey('jwk', jwk, algorithm, false, ['verify']);
		expect(await webcrypto.subtle.verify(algorithm.name, verifier, signature, data)).toBe(true);
		expect(
			await webcrypto.subtle.verify(
				algorithm.name,
				verifier,
				signature,
				new TextEncoder().encode('x')
			)
		).toBe(false);
	});
});
