import { SignOutResponse } from '$lib/domain/sign-out';
import type { DeviceDb } from './device-db';

/*
 * Signing out on a shared tablet, with or without the network.
 *
 * The ward page keeps the signed-in person's sign-out key on the device (`remember`). Signing
 * out takes it off the device at once (`take`); when the server cannot be told there and then,
 * the key waits in a queue (`queue`) and the service worker sends it before the next page it
 * fetches (`send`), so the session ends as soon as the network is back. Keys are kept, never
 * tokens: a key ends one session and signs no one in. Records made before the sign-out carry
 * their maker in the outbox and are sent by whoever is signed in next.
 */
const SIGNED_IN = 'signedIn';
const WAITING = 'signOutsWaiting';

export interface SignedIn {
	signOutKey: string;
	staffId: string;
}

export async function remember(db: DeviceDb, signedIn: SignedIn): Promise<void> {
	await db.settings.put({ key: SIGNED_IN, value: signedIn });
}

/** The signed-in person's key, forgotten by the device as it is read. */
export async function take(db: DeviceDb): Promise<SignedIn | null> {
	return db.transaction('rw', db.settings, async () => {
		const row = await db.settings.get(SIGNED_IN);
		await db.settings.delete(SIGNED_IN);
		const value = row?.value as Partial<SignedIn> | undefined;
		return typeof value?.signOutKey === 'string' && typeof value.staffId === 'string'
			? { signOutKey: value.signOutKey, staffId: value.staffId }
			: null;
	});
}

export async function queue(db: DeviceDb, key: string): Promise<void> {
	await db.transaction('rw', db.settings, async () => {
		const keys = await waitingIn(db);
		if (!keys.includes(key)) await db.settings.put({ key: WAITING, value: [...keys, key] });
	});
}

export async function waiting(db: DeviceDb): Promise<string[]> {
	return waitingIn(db);
}

async function waitingIn(db: DeviceDb): Promise<string[]> {
	const value = (await db.settings.get(WAITING))?.value;
	return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
}

/**
 * Sends each waiting sign-out once. A key leaves the queue when the server has answered for it
 * (ended now, or already ended; a 4xx is a key it will never accept); a network failure or a
 * 5xx keeps it for the next try. Resolves with the number the server answered for.
 */
export async function send(db: DeviceDb, fetcher: typeof fetch, url = '/api/sign-out') {
	let answered = 0;
	for (const key of await waitingIn(db)) {
		let status: number;
		try {
			const response = await fetcher(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				credentials: 'omit',
				body: JSON.stringify({ key })
			});
			status = response.status;
			if (response.ok) SignOutResponse.parse(await response.json());
		} catch {
			return answered;
		}
		if (status >= 500) return answered;
		await db.transaction('rw', db.settings, async () => {
			const keys = await waitingIn(db);
			await db.settings.put({ key: WAITING, value: keys.filter((k) => k !== key) });
		});
		answered += 1;
	}
	return answered;
}
