import type { Db } from './database';

/*
 * Which pool a read goes to, when DATABASE_READ_URL names a read replica (app.ts: `readDb`; the
 * primary, `db`, otherwise). Measures, exports and patient pages read the replica, which lags
 * the primary by a moment. Two rules keep that lag from showing:
 * - read your own writes: after a lead's write that changes what the measures show (a record's
 *   correction, admissions, a chart note or setting, an aim), the action calls `noteOwnWrite`,
 *   and for the next READ_PRIMARY_MS that person's reads go to the primary. The cookie holds
 *   only a time and only picks a pool: a forged one sends someone's reads to the primary, which
 *   they could read anyway, so it needs no signature or secret;
 * - a miss is asked again: a patient opening a QR code seconds after the ward synced, or a
 *   briefing just published, may not be on the replica yet, so a lookup that finds nothing
 *   there asks the primary (`orPrimary`) before saying "not found".
 * Everything else (sign-in, the ward, editing, every write) uses the primary, `db`.
 */

export const READ_PRIMARY_COOKIE = 'read_primary_until';
export const READ_PRIMARY_MS = 60_000;

export interface ReadPools {
	db: Db;
	readDb: Db;
}

interface CookieJar {
	get: (name: string) => string | undefined;
	set: (
		name: string,
		value: string,
		options: { path: string; maxAge: number; httpOnly: boolean; sameSite: 'lax' }
	) => void;
}

/** True while a time in the cookie is still ahead of `now` (ms since the epoch). */
export function readsFromPrimary(cookie: string | undefined, now: number): boolean {
	if (!cookie || !/^\d{1,15}$/.test(cookie)) return false;
	return now < Number(cookie);
}

/** The pool a signed-in person's measures and exports read from. */
export function readDatabase(
	pools: ReadPools,
	cookies: Pick<CookieJar, 'get'>,
	now = Date.now()
): Db {
	return readsFromPrimary(cookies.get(READ_PRIMARY_COOKIE), now) ? pools.db : pools.readDb;
}

/** After a write the person will want to see in the measures: read the primary for a while. */
export function noteOwnWrite(pools: ReadPools, cookies: CookieJar, now = Date.now()): void {
	// Without a replica both pools are one: no cookie to set.
	if (pools.readDb === pools.db) return;
	cookies.set(READ_PRIMARY_COOKIE, String(now + READ_PRIMARY_MS), {
		path: '/',
		maxAge: READ_PRIMARY_MS / 1000,
		httpOnly: true,
		sameSite: 'lax'
	});
}

/** Reads from the replica; when it finds nothing (null, undefined, []), from the primary. */
export async function orPrimary<T>(pools: ReadPools, read: (db: Db) => Promise<T>): Promise<T> {
	const found = await read(pools.readDb);
	const missing = found === null || found === undefined || (Array.isArray(found) && !found.length);
	return missing && pools.readDb !== pools.db ? read(pools.db) : found;
}
