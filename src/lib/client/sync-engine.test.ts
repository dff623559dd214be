import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncChange, SyncResponse } from '$lib/domain/sync';
import { DeviceDb } from './device-db';
import { OutboxRepository } from './outbox-repository';
import { httpTransport, SyncHttpError } from './http-transport';
import { NotSentError, syncOutbox, type Transport } from './sync-engine';

let db: DeviceDb;
let outbox: OutboxRepository;

beforeEach(() => {
	db = new DeviceDb(`sync-${crypto.randomUUID()}`);
	outbox = new OutboxRepository(db);
});
afterEach(async () => {
	await db.delete();
});

async function queue(count: number) {
	for (let i = 0; i < count; i++)
		await outbox.enqueue(
			{ id: `r${String(i).padStart(5, '0')}`, kind: 'deliveryRecord', payload: { n: i } },
			undefined,
			new Date(Date.UTC(2026, 10, 26, 9, 0, 0, i))
		);
}

/** A server that stores what it is sent, once per id, like the real one. */
function fakeServer(options: { failOnCall?: number; refuse?: (c: SyncChange) => boolean } = {}) {
	const stored = new Map<string, unknown>();
	let calls = 0;
	const transport: Transport = {
		async send(changes) {
			calls++;
			if (calls === options.failOnCall) throw new TypeError('Failed to fetch');
			const results: SyncResponse['results'] = changes.map((c) => {
				if (options.refuse?.(c))
					return { id: c.id, status: 'refused', reason: 'versionNotPublished' };
				if (stored.has(c.id)) return { id: c.id, status: 'duplicate' };
				stored.set(c.id, c.payload);
				return { id: c.id, status: 'accepted' };
			});
			return { results, serverTime: '2026-11-26T09:00:00.000Z' };
		}
	};
	return { transport, stored, calls: () => calls };
}

describe('syncOutbox', () => {
	const perhapsSent = async (id: string) => {
		const entry = await db.outbox.get(id);
		return !!entry && (await outbox.perhapsSent(entry));
	};

	it('sends everything in batches of at most 500, oldest first, and empties the outbox', async () => {
		await queue(1200);
		const server = fakeServer();
		const sizes: number[] = [];
		const counting: Transport = {
			send: (changes) => {
				sizes.push(changes.length);
				return server.transport.send(changes);
			}
		};
		const outcome = await syncOutbox(outbox, counting);
		expect(sizes).toEqual([500, 500, 200]);
		expect(outcome).toMatchObject({ acknowledged: 1200, refused: 0, failed: null });
		expect(server.stored.size).toBe(1200);
		expect([...server.stored.keys()][0]).toBe('r00000');
		expect(await outbox.counts()).toEqual({ waiting: 0, refused: 0 });
	});

	it('keeps one batch at the server at a time, and takes the next while it waits', async () => {
		await queue(1200);
		const server = fakeServer();
		let atServer = 0;
		let most = 0;
		const slow: Transport = {
			async send(changes) {
				most = Math.max(most, ++atServer);
				try {
					// The first batch is answered only once the second has been taken (marked).
					if (changes[0]?.id === 'r00000')
						await vi.waitFor(async () => expect(await perhapsSent('r00500')).toBe(true));
					return await server.transport.send(changes);
				} finally {
					atServer--;
				}
			}
		};
		expect(await syncOutbox(outbox, slow)).toMatchObject({ acknowledged: 1200, failed: null });
		expect(most).toBe(1);
		expect([...server.stored.keys()]).toEqual(
			[...Array(1200).keys()].map((i) => `r${String(i).padStart(5, '0')}`)
		);
	});

	it('keeps what was not acknowledged when the network fails mid-way, and resends it later', async () => {
		await queue(1200);
		const server = fakeServer({ failOnCall: 2 });
		const first = await syncOutbox(outbox, server.transport);
		expect(first.acknowledged).toBe(500);
		expect(first.failed?.message).toBe('Failed to fetch');
		expect(await outbox.counts()).toEqual({ waiting: 700, refused: 0 });
		// The batch that failed is marked: an undo takes it as perhaps sent, the safe side. The
		// one taken while it was at the server was never sent: untouched.
		expect(await perhapsSent('r00500')).toBe(true);
		expect(await perhapsSent('r01000')).toBe(false);
		expect(await db.sending.count()).toBe(1);

		const second = await syncOutbox(outbox, server.transport);
		expect(second).toMatchObject({ acknowledged: 700, failed: null });
		expect(server.stored.size).toBe(1200);
		expect(await db.sending.count()).toBe(0);
	});

	it('takes nothing as perhaps sent when the tablet had no network: an undo may forget it', async () => {
		await queue(600);
		vi.stubGlobal('navigator', { onLine: false });
		try {
			const fetcher = vi.fn<typeof fetch>(async () => {
				throw new TypeError('Failed to fetch');
			});
			const outcome = await syncOutbox(outbox, httpTransport(fetcher));
			expect(outcome.failed).toBeInstanceOf(NotSentError);
			expect(outcome.failed?.message).toBe('Failed to fetch');
		} finally {
			vi.unstubAllGlobals();
		}
		expect(await perhapsSent('r00000')).toBe(false);
		expect(await perhapsSent('r00500')).toBe(false);
		expect(await db.sending.count()).toBe(0);
		// The same failure with the network said to be there may have reached the server.
		const lost = await syncOutbox(outbox, fakeServer({ failOnCall: 1 }).transport);
		expect(lost.failed).not.toBeInstanceOf(NotSentError);
		expect(await perhapsSent('r00000')).toBe(true);
		expect(await perhapsSent('r00500')).toBe(false);
	});

	it('keeps every record when the session has timed out (401), and sends them after signing in again', async () => {
		await queue(3);
		const server = fakeServer();
		let signedIn = false;
		const fetcher = (async (_url: string, init?: RequestInit) => {
			if (!signedIn) return new Response('Sign in required', { status: 401 });
			const { changes } = JSON.parse(String(init?.body)) as { changes: SyncChange[] };
			return Response.json(await server.transport.send(changes));
		}) as typeof fetch;

		const refused = await syncOutbox(outbox, httpTransport(fetcher));
		expect(refused.failed).toBeInstanceOf(SyncHttpError);
		expect((refused.failed as SyncHttpError).status).toBe(401);
		expect(await outbox.counts()).toEqual({ waiting: 3, refused: 0 });
		expect(server.stored.size).toBe(0);

		signedIn = true;
		const later = new Date(Date.now() + 60 * 60_000);
		expect(await syncOutbox(outbox, httpTransport(fetcher), () => later)).toMatchObject({
			acknowledged: 3,
			failed: null
		});
		expect(await outbox.counts()).toEqual({ waiting: 0, refused: 0 });
		expect([...server.stored.keys()]).toEqual(['r00000', 'r00001', 'r00002']);
	});

	it('treats a duplicate as an acknowledgement: a lost answer never double-counts', async () => {
		await queue(3);
		const server = fakeServer();
		// The server stores the batch but the answer is lost on the way back.
		const lossy: Transport = {
			async send(changes) {
				await server.transport.send(changes);
				throw new TypeError('connection reset');
			}
		};
		await syncOutbox(outbox, lossy);
		expect(await outbox.counts()).toEqual({ waiting: 3, refused: 0 });
		const retry = await syncOutbox(outbox, server.transport);
		expect(retry.acknowledged).toBe(3);
		expect(server.stored.size).toBe(3);
		expect(await outbox.counts()).toEqual({ waiting: 0, refused: 0 });
	});

	it('keeps a refused change with its reason and does not send it again', async () => {
		await queue(4);
		const server = fakeServer({ refuse: (c) => c.id === 'r00002' });
		const outcome = await syncOutbox(outbox, server.transport);
		expect(outcome).toMatchObject({ acknowledged: 3, refused: 1 });
		const [refused] = await outbox.refused();
		expect(refused).toMatchObject({ id: 'r00002', refusal: 'versionNotPublished' });
		const again = await syncOutbox(outbox, server.transport);
		expect(again.acknowledged + again.refused).toBe(0);
		expect(server.calls()).toBe(1);
	});

	it('takes a held change as acknowledged: out of the outbox, noted for the ward, not sent again', async () => {
		await queue(3);
		const server = fakeServer();
		const holding: Transport = {
			async send(changes) {
				const answer = await server.transport.send(changes);
				return {
					...answer,
					results: answer.results.map((r) =>
						r.id === 'r00001' ? { id: r.id, status: 'held', reason: 'versionNotPublished' } : r
					)
				};
			}
		};
		const now = new Date('2026-11-26T09:00:00.000Z');
		const outcome = await syncOutbox(outbox, holding, () => now);
		expect(outcome).toMatchObject({ acknowledged: 3, held: 1, refused: 0, failed: null });
		expect(await outbox.counts()).toEqual({ waiting: 0, refused: 0 });
		expect(await outbox.held(now)).toEqual([
			{ id: 'r00001', reason: 'versionNotPublished', at: now.toISOString() }
		]);
		// Told for a day, then no more.
		expect(await outbox.held(new Date(now.getTime() + 25 * 60 * 60_000))).toEqual([]);
		expect((await syncOutbox(outbox, holding, () => now)).acknowledged).toBe(0);
		expect(server.calls()).toBe(1);
	});

	it('sends once more what an older app was told was refused for a reason now held', async () => {
		await queue(3);
		// As the app before held records left them: refused, kept for a person to see, and
		// nothing of what the server said (nor of the server's last answer). The first app with
		// held records then noted its once a device was spent: no longer read.
		await db.outbox.update('r00000', { refusal: 'versionNotPublished' });
		await db.outbox.update('r00001', { refusal: 'unknownWard' });
		await db.settings.put({ key: 'holdableSentAgain', value: true });
		const sent: string[] = [];
		const server = fakeServer({ refuse: (c) => c.id === 'r00000' });
		const watching: Transport = {
			send: (changes) => {
				sent.push(...changes.map((c) => c.id));
				return server.transport.send(changes);
			}
		};
		await syncOutbox(outbox, watching);
		expect(sent).toEqual(['r00000', 'r00002']);
		// Still refused (say, a version never published): not sent again and again.
		await outbox.enqueue({ id: 'r00003', kind: 'deliveryRecord', payload: { n: 3 } });
		await syncOutbox(outbox, watching);
		expect(sent).toEqual(['r00000', 'r00002', 'r00003']);
		expect((await outbox.refused()).map((e) => e.id)).toEqual(['r00000', 'r00001']);
	});

	describe('a service rolled back to a release before held records, then forward again', () => {
		/*
		 * The release before held records refuses such a record (and says nothing in its answer);
		 * a release with them holds it, and says so in its answer (`serverHolds`, from its
		 * X-Sync-Understands header). Either refuses a record of a version never published.
		 */
		const retired = new Set<string>();
		const draft = new Set<string>();
		function service() {
			let release: 'before' | 'held' = 'held';
			const sent: string[] = [];
			const transport: Transport = {
				async send(changes) {
					sent.push(...changes.map((c) => c.id));
					const holds = release === 'held';
					return {
						results: changes.map((c) =>
							draft.has(c.id) || (retired.has(c.id) && !holds)
								? { id: c.id, status: 'refused' as const, reason: 'versionNotPublished' as const }
								: retired.has(c.id)
									? { id: c.id, status: 'held' as const, reason: 'versionNotPublished' as const }
									: { id: c.id, status: 'accepted' as const }
						),
						serverTime: '2026-11-26T09:00:00.000Z',
						...(holds ? { serverHolds: true } : {})
					};
				}
			};
			return {
				transport,
				sent,
				to: (r: typeof release) => {
					release = r;
				}
			};
		}
		beforeEach(() => {
			retired.clear();
			draft.clear();
		});

		it('sends a record the rolled-back release refused once more when a release that holds answers', async () => {
			const server = service();
			await queue(1);
			await syncOutbox(outbox, server.transport); // r00000 accepted: this release holds
			server.to('before');
			await outbox.enqueue({ id: 'retired', kind: 'deliveryRecord', payload: {} });
			retired.add('retired');
			expect(await syncOutbox(outbox, server.transport)).toMatchObject({ refused: 1 });
			// Refused by a release that does not hold records: not sent again while it answers.
			await outbox.enqueue({ id: 'next', kind: 'deliveryRecord', payload: {} });
			await syncOutbox(outbox, server.transport);
			expect(server.sent).toEqual(['r00000', 'retired', 'next']);

			// Forward again: the next answer says the service holds records, and the run goes on
			// with the refused record, which is held.
			server.to('held');
			await outbox.enqueue({ id: 'after', kind: 'deliveryRecord', payload: {} });
			const outcome = await syncOutbox(outbox, server.transport);
			expect(server.sent).toEqual(['r00000', 'retired', 'next', 'after', 'retired']);
			expect(outcome).toMatchObject({ acknowledged: 2, held: 1, refused: 0, failed: null });
			expect(await outbox.counts()).toEqual({ waiting: 0, refused: 0 });
			expect((await outbox.held()).map((n) => n.id)).toEqual(['retired']);
		});

		it('never sends again and again a record that a release holding records refuses', async () => {
			const server = service();
			server.to('before');
			await outbox.enqueue({ id: 'draft', kind: 'deliveryRecord', payload: {} });
			draft.add('draft');
			await syncOutbox(outbox, server.transport);
			server.to('held');
			for (const id of ['a', 'b', 'c']) {
				await outbox.enqueue({ id, kind: 'deliveryRecord', payload: {} });
				await syncOutbox(outbox, server.transport);
			}
			// Once more after the release that holds first answered (a), then its last word.
			expect(server.sent).toEqual(['draft', 'a', 'draft', 'b', 'c']);
			expect(await outbox.refused()).toMatchObject([
				{ id: 'draft', refusal: 'versionNotPublished', refusedHolding: true }
			]);
			// Rolled back and forward once more: still its last word, not sent again.
			server.to('before');
			await outbox.enqueue({ id: 'd', kind: 'deliveryRecord', payload: {} });
			await syncOutbox(outbox, server.transport);
			server.to('held');
			await outbox.enqueue({ id: 'e', kind: 'deliveryRecord', payload: {} });
			await syncOutbox(outbox, server.transport);
			expect(server.sent).toEqual(['draft', 'a', 'draft', 'b', 'c', 'd', 'e']);
		});
	});

	it('reads from the answer’s X-Sync-Understands header whether the server holds records', async () => {
		const minute = (m: number) => new Date(Date.UTC(2026, 10, 26, 10, m));
		const answers: Array<Record<string, string>> = [{ 'X-Sync-Understands': 'held' }, {}];
		const fetcher = (async (_url: string, init?: RequestInit) => {
			const [change] = JSON.parse(String(init?.body)).changes as Array<{ id: string }>;
			return Response.json(
				{
					results: [{ id: change!.id, status: 'refused', reason: 'versionNotPublished' }],
					serverTime: '2026-11-26T09:00:00.000Z'
				},
				{ headers: answers.shift() }
			);
		}) as typeof fetch;
		for (const [i, id] of ['told', 'silent'].entries()) {
			await outbox.enqueue({ id, kind: 'deliveryRecord', payload: {} }, undefined, minute(i));
			await syncOutbox(outbox, httpTransport(fetcher));
		}
		expect((await outbox.refused()).map((e) => [e.id, e.refusedHolding])).toEqual([
			['told', true],
			['silent', false]
		]);
	});

	it('tells the server it understands held in a header, not the body, and reads a held answer', async () => {
		await queue(1);
		let body: Record<string, unknown> = {};
		let headers = new Headers();
		const fetcher = (async (_url: string, init?: RequestInit) => {
			body = JSON.parse(String(init?.body)) as typeof body;
			headers = new Headers(init?.headers);
			return Response.json({
				results: [{ id: 'r00000', status: 'held', reason: 'wardRetired' }],
				serverTime: '2026-11-26T09:00:00.000Z'
			});
		}) as typeof fetch;
		const outcome = await syncOutbox(outbox, httpTransport(fetcher));
		expect(headers.get('X-Sync-Understands')).toBe('held');
		// Only the changes: a server rolled back to a release without `understands` in its strict
		// schema would answer a body with it 400, every sync.
		expect(Object.keys(body)).toEqual(['changes']);
		expect(outcome).toMatchObject({ acknowledged: 1, held: 1, failed: null });
	});

	it('ignores answers for ids it did not send, and stops if none of its own were answered', async () => {
		await queue(2);
		const confused: Transport = {
			send: async () => ({
				results: [{ id: 'someone-else', status: 'accepted' }],
				serverTime: '2026-11-26T09:00:00.000Z'
			})
		};
		const outcome = await syncOutbox(outbox, confused);
		expect(outcome.acknowledged).toBe(0);
		expect(outcome.failed).not.toBeNull();
		expect(await outbox.counts()).toEqual({ waiting: 2, refused: 0 });
	});

	it('sends who made each change, so a shared device keeps records with their maker', async () => {
		await outbox.enqueue({ id: 'made', kind: 'deliveryRecord', payload: {}, madeBy: 'nurse-a' });
		const sent: SyncChange[] = [];
		await syncOutbox(outbox, {
			send: async (changes) => {
				sent.push(...changes);
				return fakeServer().transport.send(changes);
			}
		});
		expect(sent).toEqual([{ id: 'made', kind: 'deliveryRecord', payload: {}, madeBy: 'nurse-a' }]);
	});

	it('counts every attempt on the entries it tried, its batch’s mark settled on each', async () => {
		await queue(1);
		await syncOutbox(outbox, fakeServer({ failOnCall: 1 }).transport);
		expect(await perhapsSent('r00000')).toBe(true);
		await syncOutbox(outbox, fakeServer({ failOnCall: 1 }).transport);
		const [entry] = await outbox.pending();
		expect(entry?.attempts).toBe(1);
		expect(entry?.lastAttemptAt).not.toBeNull();
		expect(await db.sending.count()).toBe(1);
	});
});
