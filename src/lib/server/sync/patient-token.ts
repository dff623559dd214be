import { createHash } from 'node:crypto';

/** The patient link is looked up by this; the token itself is never stored. */
export function patientTokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
