import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
	it('makes an argon2id hash that verifies the password and nothing else', async () => {
		const hash = await hashPassword('correct horse battery staple');
		expect(hash).toMatch(/^\$argon2id\$/);
		expect(hash).not.toContain('correct horse');
		expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
		expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
		expect(await verifyPassword(hash, '')).toBe(false);
	});

	it('uses the OWASP baseline costs', async () => {
		expect(await hashPassword('x')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
	});

	it('salts each hash', async () => {
		const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
		expect(a).not.toBe(b);
	});

	it.each([
		'',
		'not a hash',
		'$argon2id$v=19$m=19456,t=2,p=1$broken',
		'$2b$10$abcdefghijklmnopqrstuv'
	])('answers false, without throwing, for the malformed hash %j', async (malformed) => {
		await expect(verifyPassword(malformed, 'anything')).resolves.toBe(false);
	});
});
