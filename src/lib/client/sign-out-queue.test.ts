import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceDb } from './device-db';
import { queue, remember, send, take, waiting } from './sign-out-queue';

let db: DeviceDb;
beforeEach(() => {
	db = new DeviceDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
	await db.delete();
});

const keyA = 'a'.repeat(64);
const keyB = 'b'.repeat(64);

/** A server that answers each key with the given status, and lists what it was sent. */
function server(status: (key: string) => number | 'offline') {
	const sent: string[] = [];
	const fetcher = (async (_url: string, init: RequestInit) => {
		const { key } = JSON.parse(String(init.body));
		const answer = status(key);
		if (answer === 'offline') throw new TypeError('Failed to fetch');
		sent.push(key);
		return new Response(JSON.stringify({ ended: answer === 200 }), {
			status: answer,
			headers: { 'content-type': 'application/json' }
		});
	}) as typeof fetch;
	return { fetcher, sent };
}

describe('signing out on a shared tablet', () => {
	it('forgets the signed-in person as their key is taken', async () => {
		await remember(db, { signOutKey: keyA, staffId: 'staff-a' });
		expect(await take(db)).toEqual({ signOutKey: keyA, staffId: 'staff-a' });
		expect(await take(db)).toBeNull();
	});

	it('keeps a sign-out made offline until the server has answered for it', async () => {
		await queue(db, keyA);
		await queue(db, keyB);
		await queue(db, keyA);
		expect(await waiting(db)).toEqual([keyA, keyB]);

		const offline = server(() => 'offline');
		expect(await send(db, offline.fetcher)).toBe(0);
		expect(await waiting(db)).toEqual([keyA, keyB]);

		const failing = server((key) => (key === keyA ? 200 : 503));
		expect(await send(db, failing.fetcher)).toBe(1);
		expect(await waiting(db)).toEqual([keyB]);

		// Already ended (or a key the server will never take): answered, so it leaves the queue.
		const back = server((key) => (key === keyB ? 400 : 200));
		expect(await send(db, back.fetcher)).toBe(1);
		expect(back.sent).toEqual([keyB]);
		expect(await waiting(db)).toEqual([]);
	});

	it('sends nothing, and costs no request, when no sign-out waits', async () => {
		const online = server(() => 200);
		expect(await send(db, online.fetcher)).toBe(0);
		expect(online.sent).toEqual([]);
	});
});
