import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { demo } from './demo-accounts';
import { countDeliveries, deliveriesCheckpointed, wardCatalogue } from './support/database';
import { OwnServer } from './support/own-server';

/*
 * Durability of an acknowledged sync batch: the device deletes from its outbox what the server
 * said it stored, so the server must still have it after dying at the worst moment — after the
 * answer, before SQLite has checkpointed its write-ahead log into the main file. (SIGKILL keeps
 * the operating system's caches; a power cut does not, which is what `synchronous = FULL` is
 * for: src/lib/server/db/database.test.ts checks that setting.)
 */
test.describe.configure({ mode: 'serial' });

// The server's WAL is copied back every second (db/checkpointer.ts): here once an hour, so the
// kill below lands before a checkpoint on a machine of any speed.
const server = new OwnServer(Number(process.env.E2E_PORT ?? 4173) + 8, {
	SQLITE_CHECKPOINT_EVERY_MS: '3600000'
});
let api: APIRequestContext;

test.beforeAll(async () => {
	await server.start();
});
test.afterAll(async () => {
	await api?.dispose();
	await server.kill();
});

async function signIn(): Promise<APIRequestContext> {
	const context = await request.newContext({ baseURL: server.origin });
	const response = await context.post('/sign-in', {
		form: { email: demo.ward.email, password: demo.ward.password },
		headers: { origin: server.origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return context;
}

/** A batch of `count` fresh records, as a Ward 7 device would send its outbox. */
function outbox(count: number) {
	const catalogue = wardCatalogue(server.dataDir);
	return Array.from({ length: count }, (_, i) => {
		const payload = {
			id: uuidv7(),
			...catalogue,
			outcome: 'delivered',
			talkedThrough: true,
			interpreterUsed: false,
			carerPresent: i % 2 === 0,
			teachBack: 'confirmed',
			recordedAt: new Date(Date.now() - (count - i) * 60_000).toISOString(),
			patientToken: randomBytes(16).toString('base64url')
		};
		return { id: payload.id, kind: 'deliveryRecord', payload };
	});
}

async function sync(changes: unknown[]): Promise<string[]> {
	const response = await api.post('/api/sync', {
		data: { changes },
		headers: { origin: server.origin }
	});
	expect(response.status()).toBe(200);
	const { results } = (await response.json()) as { results: Array<{ status: string }> };
	return results.map((r) => r.status);
}

test('records acknowledged just before the server dies are there when it restarts', async () => {
	test.setTimeout(120_000);
	api = await signIn();
	const changes = outbox(25);
	expect(await sync(changes)).toEqual(changes.map(() => 'accepted'));

	await server.kill();
	// Killed between the answer and a checkpoint: the records are in the log, not the main file.
	expect(deliveriesCheckpointed(server.dataDir)).toBe(0);

	await server.start();
	expect(countDeliveries(server.dataDir)).toBe(25);
	// The device never saw the answer and sends the batch again: each record is there, once.
	await api.dispose();
	api = await signIn();
	expect(await sync(changes)).toEqual(changes.map(() => 'duplicate'));
	expect(countDeliveries(server.dataDir)).toBe(25);
});
