import { expect, request, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { demo } from './demo-accounts';
import { countDeliveries, wardCatalogue } from './support/database';
import { AppProcess } from './support/app-process';

/*
 * Shutdown (issue 18, item 5): on SIGTERM the server stops accepting connections, finishes the
 * requests it has (here a ward's sync whose body is still on its way), closes the database —
 * SQLite checkpoints its write-ahead log into the file — and exits 0. Its own server on SQLite.
 */

const port = Number(process.env.E2E_PORT ?? 4173) + 27;

test('a server told to stop finishes the sync in flight, refuses new connections and exits 0', async () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'e2e-shutdown-'));
	const server = new AppProcess(port, { DATA_DIR: dataDir });
	await server.start();
	try {
		const health = await (await fetch(`${server.origin}/api/health`)).json();
		expect(health).toMatchObject({ status: 'ok', version: expect.any(String) });
		const ready = await fetch(`${server.origin}/api/ready`);
		expect(ready.status).toBe(200);
		expect(await ready.json()).toMatchObject({ ready: true, accepting: true, storage: true });

		const nurse = await request.newContext({ baseURL: server.origin });
		const signedIn = await nurse.post('/sign-in', {
			form: { email: demo.ward.email, password: demo.ward.password },
			headers: { origin: server.origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(signedIn.status()).toBe(303);
		const cookie = (await nurse.storageState()).cookies
			.map((c) => `${c.name}=${c.value}`)
			.join('; ');
		await nurse.dispose();

		const catalogue = wardCatalogue(dataDir);
		const changes = Array.from({ length: 20 }, (_, i) => {
			const payload = {
				id: uuidv7(),
				...catalogue,
				outcome: 'delivered',
				talkedThrough: true,
				interpreterUsed: false,
				carerPresent: false,
				teachBack: 'confirmed',
				recordedAt: new Date(Date.now() - (20 - i) * 60_000).toISOString(),
				patientToken: randomBytes(16).toString('base64url')
			};
			return { id: payload.id, kind: 'deliveryRecord', payload };
		});
		const body = JSON.stringify({ changes });

		// The sync's headers reach the server (it answers 100 Continue); then it is told to stop;
		// only once it refuses new connections does the body follow.
		let exited: Promise<number | null> = Promise.resolve(null);
		const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
			const sync = httpRequest(`${server.origin}/api/sync`, {
				method: 'POST',
				headers: {
					cookie,
					origin: server.origin,
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					expect: '100-continue'
				}
			});
			sync.on('error', reject);
			sync.on('response', (response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
			});
			sync.on('continue', () => {
				exited = server.stop().exited;
				void refusesNewConnections(server.origin).then(() => sync.end(body), reject);
			});
			sync.flushHeaders();
		});
		expect(answer.status).toBe(200);
		const results = (JSON.parse(answer.text) as { results: Array<{ status: string }> }).results;
		expect(results.map((r) => r.status)).toEqual(Array(20).fill('accepted'));

		expect(await exited).toBe(0);
		// Closed cleanly: every record in the database file itself, no write-ahead log left.
		expect(readdirSync(dataDir).filter((f) => f.endsWith('-wal'))).toEqual([]);
		expect(existsSync(join(dataDir, 'toolkit.sqlite'))).toBe(true);
		expect(countDeliveries(dataDir)).toBe(20);
	} finally {
		await server.kill();
	}
});

/** Resolves once a new connection to `origin` is refused (the server has stopped listening). */
async function refusesNewConnections(origin: string): Promise<void> {
	await expect
		.poll(
			() =>
				fetch(`${origin}/api/health`, { headers: { connection: 'close' } }).then(
					() => 'accepted',
					() => 'refused'
				),
			{ timeout: 30_000 }
		)
		.toBe('refused');
}
