import { hash, verify } from '@node-rs/argon2';

// argon2id is the library's default algorithm; these are OWASP's baseline costs
// (19 MiB, 2 passes, 1 lane), a few tens of milliseconds here: fine for sign-in.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}
