import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSealed, KEY_FILE, loadSsoKey, open, seal, SecretKeyError } from './secret-box';

const dirs: string[] = [];
const tempDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'sso-key-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadSsoKey', () => {
	it('makes a key file once, readable by the owner only, and reads the same key after', () => {
		const dir = join(tempDir(), 'data');
		const first = loadSsoKey(null, dir);
		expect(first).toHaveLength(32);
		expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
		expect(loadSsoKey(null, dir)).toEqual(first);
	});

	it('prefers the environment’s key and writes no file then', () => {
		const dir = tempDir();
		const key = Buffer.alloc(32, 9);
		expect(loadSsoKey(key, dir)).toBe(key);
		expect(() => statSync(join(dir, KEY_FILE))).toThrow();
	});

	it('refuses a key file that does not hold 32 bytes', () => {
		const dir = tempDir();
		writeFileSync(join(dir, KEY_FILE), Buffer.alloc(16).toString('base64'));
		expect(() => loadSsoKey(null, dir)).toThrow(/32 bytes/);
	});
});

describe('seal and open', () => {
	const key = Buffer.alloc(32, 1);

	it('round-trips, never stores the plain text, and differs every time', () => {
		const a = seal(key, 'org-1', 'the client secret');
		const b = seal(key, 'org-1', 'the client secret');
		expect(isSealed(a)).toBe(true);
		expect(a).not.toContain('the client secret');
		expect(Buffer.from(a.slice(5), 'base64url').toString('latin1')).not.toContain('client');
		expect(a).not.toBe(b);
		expect(open(key, 'org-1', a)).toBe('the client secret');
	});

	it('reads a plaintext secret from before encryption as it is', () => {
		expect(isSealed('legacy-secret')).toBe(false);
		expect(open(key, 'org-1', 'legacy-secret')).toBe('legacy-secret');
	});

	it('does not open with another key, for another organisation, or once tampered with', () => {
		const sealed = seal(key, 'org-1', 'secret');
		expect(() => open(Buffer.alloc(32, 2), 'org-1', sealed)).toThrow(SecretKeyError);
		expect(() => open(key, 'org-2', sealed)).toThrow(/does not open/);
		const raw = Buffer.from(sealed.slice(5), 'base64url');
		raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
		expect(() => open(key, 'org-1', `sso1:${raw.toString('base64url')}`)).toThrow(SecretKeyError);
	});
});

it('keeps the key file’s text short: one base64 line', () => {
	const dir = tempDir();
	loadSsoKey(null, dir);
	expect(readFileSync(join(dir, KEY_FILE), 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
});
