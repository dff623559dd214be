import {
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPair,
	webcrypto
} from 'node:crypto';
import { promisify } from 'node:util';

/*
 * The toolkit's own key for `private_key_jwt` client authentication (RFC 7523; NHS CIS2 asks
 * for it): the toolkit signs a short assertion with its private key at the provider's token
 * endpoint, and the provider checks it with the public key it fetched from the toolkit's JWKS
 * address. RSA, 2048 bits or more; the key id is the public key's RFC 7638 thumbprint, so
 * it names the key without being stored.
 */
export type SigningAlg = 'RS256' | 'RS384' | 'RS512';
export interface PublicJwk {
	kty: 'RSA';
	n: string;
	e: string;
	kid: string;
	use: 'sig';
}

export class ClientKeyError extends Error {}

/**
 * A new RSA key pair; the private key as PKCS#8 PEM, to be sealed before it is stored. Off the
 * event loop: a 3072-bit key takes about a second to find.
 */
export async function generateClientKey(): Promise<string> {
	const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 3072 });
	return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** A private key an admin pasted (PKCS#8 or PKCS#1 PEM), as PKCS#8 PEM; else ClientKeyError. */
export function normaliseClientKey(pem: string): string {
	let key;
	try {
		key = createPrivateKey(pem.trim());
	} catch {
		throw new ClientKeyError('not a PEM private key');
	}
	const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
	if (key.asymmetricKeyType !== 'rsa' || bits < 2048)
		throw new ClientKeyError('not an RSA key of 2048 bits or more');
	return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function publicJwk(privatePem: string): PublicJwk {
	const { n, e } = createPublicKey(privatePem).export({ format: 'jwk' }) as {
		n: string;
		e: string;
	};
	return { kty: 'RSA', n, e, kid: thumbprint(n, e), use: 'sig' };
}

/** RFC 7638: SHA-256 of the required members in lexicographic order, no spaces. */
export function thumbprint(n: string, e: string): string {
	return createHash('sha256')
		.update(JSON.stringify({ e, kty: 'RSA', n }))
		.digest('base64url');
}

/**
 * The algorithm to sign with: RS256 unless the provider lists the algorithms it accepts and
 * RS256 is not among them (then RS512, then RS384).
 */
export function signingAlg(supported: readonly string[] | undefined): SigningAlg {
	if (!supported?.length || supported.includes('RS256')) return 'RS256';
	return supported.includes('RS512') ? 'RS512' : supported.includes('RS384') ? 'RS384' : 'RS256';
}

/** The private key as a WebCrypto key for openid-client's PrivateKeyJwt, with its key id. */
export async function signingKey(
	privatePem: string,
	alg: SigningAlg
): Promise<{ key: CryptoKey; kid: string }> {
	const der = createPrivateKey(privatePem).export({ type: 'pkcs8', format: 'der' });
	const key = await webcrypto.subtle.importKey(
		'pkcs8',
		der,
		{ name: 'RSASSA-PKCS1-v1_5', hash: `SHA-${alg.slice(2)}` },
		false,
		['sign']
	);
	return { key: key as CryptoKey, kid: publicJwk(privatePem).kid };
}
