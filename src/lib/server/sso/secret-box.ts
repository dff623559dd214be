import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Single sign-on secrets (a client secret, a private key) are encrypted at rest, so that a copy
 * of the database alone does not give them away: AES-256-GCM, a fresh 12-byte IV for every
 * value, and the organisation's id as additional data (a value copied into another
 * organisation's row does not open). Stored as "sso1:" + base64url(iv | tag | ciphertext).
 *
 * The key is SSO_SECRET_KEY (32 bytes, base64) or, unset, a key file made once in DATA_DIR with
 * mode 0600: keep it with, but back it up apart from, the database.
 *
 * A value without the prefix is a plaintext secret saved before encryption came in (015): it is
 * read as it is, and sealed at the next start (sealStoredSecrets) or save.
 */
export const KEY_FILE = 'sso-secret.key';
const PREFIX = 'sso1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretKeyError extends Error {}

/** The key from the environment, or the data folder's key file, made on first use. */
export function loadSsoKey(fromEnv: Buffer | null, dataDir: string): Buffer {
	if (fromEnv) return fromEnv;
	const file = join(dataDir, KEY_FILE);
	try {
		mkdirSync(dataDir, { recursive: true });
		// 'wx': never overwrite a key another start (or an operator) already wrote.
		writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
	}
	const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
	if (key.length !== 32)
		throw new SecretKeyError(`${file} must hold 32 bytes in base64 (openssl rand -base64 32)`);
	return key;
}

export function isSealed(stored: string): boolean {
	return stored.startsWith(PREFIX);
}

export function seal(key: Buffer, organisationId: string, plain: string): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(organisationId));
	const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The plain value; a plaintext value from before encryption is returned as it is. */
export function open(key: Buffer, organisationId: string, stored: string): string {
	if (!isSealed(stored)) return stored;
	const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
		decipher.setAAD(Buffer.from(organisationId));
		decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
		return Buffer.concat([
			decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
			decipher.final()
		]).toString('utf8');
	} catch {
		throw new SecretKeyError(
			'a stored single sign-on secret does not open with this key (was SSO_SECRET_KEY or the key file changed?)'
		);
	}
}
