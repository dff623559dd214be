import { hash } from '@node-rs/argon2';
import Database from 'better-sqlite3';
import { join } from 'node:path';

/**
 * Gives an invited account a password straight in a server's SQLite file, as its set-password
 * link would (the same argon2id parameters): for journeys that need the person signed in, on a
 * branch where the set-password page is another journey's.
 */
export async function setPasswordDirectly(
	dataDir: string,
	email: string,
	password: string
): Promise<void> {
	const passwordHash = await hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		const changed = db
			.prepare('update staff_account set password_hash = ? where email = ?')
			.run(passwordHash, email.toLowerCase()).changes;
		if (changed !== 1) throw new Error(`expected one account for ${email}, found ${changed}`);
	} finally {
		db.close();
	}
}
