import fc from 'fast-check';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { StaffAccount } from '$lib/domain/staff';
import type { ChangeResult, SyncChange } from '$lib/domain/sync';
import { migrate, openDatabase, type Db } from '../db/database';
import { seedDemo } from '../seed/demo';
import {
	demoWardCatalogue,
	recordChange,
	undoChange,
	wardRecord,
	type WardCatalogue
} from '../test-support/ward-records';
import { applyChanges } from './apply-changes';
import { staffAccountByEmail } from '../test-support/accounts';

/*
 * Exactly once, adversarially. Two devices of one ward keep outboxes (oldest first, as
 * lib/client/sync-engine.ts does) and a random schedule of faults runs against a real SQLite
 * file: records and undos made, batches sent with their answer lost (the device keeps them),
 * old requests replayed (a service worker's Background Sync), a change twice in one batch,
 * both devices sending at once, a write failing part-way (disk full), and server restarts (the
 * file re-opened). Then every outbox is drained and the file must hold:
 * - each record once, accepted once over every answer the server gave (seen or lost);
 * - each undo applied once, after its record: the record voided, one revision holding it as it
 *   was; no record voided that was not undone;
 * - each patient token linked once, to its own record;
 * and a batch whose write failed must have changed nothing at all.
 */

// Seeding hashes a password per demo account with argon2: about a second in all.
const SLOW = 30_000;
// 60 schedules of up to 40 steps: about 5 s on a busy 2-core machine (load 8). The limit is
// generous so that a busier one slows the test without failing it.
const RUNS = 60;
const PROPERTY_LIMIT = 120_000;
const start = new Date('2026-03-10T09:00:00Z');

type Op =
	| { t: 'record'; device: 0 | 1; token: boolean }
	| { t: 'undo'; device: 0 | 1; pick: number }
	| { t: 'sync'; device: 0 | 1; size: number; lose: boolean; twice: boolean }
	| { t: 'replay'; pick: number }
	| { t: 'both'; size: number }
	| { t: 'fail'; device: 0 | 1; size: number; atWrite: number }
	| { t: 'restart' };

const device = fc.constantFrom(0 as const, 1 as const);
const op: fc.Arbitrary<Op> = fc.oneof(
	{ arbitrary: fc.record({ t: fc.constant('record'), device, token: fc.boolean() }), weight: 4 },
	{ arbitrary: fc.record({ t: fc.constant('undo'), device, pick: fc.nat() }), weight: 2 },
	{
		arbitrary: fc.record({
			t: fc.constant('sync'),
			device,
			size: fc.integer({ min: 1, max: 6 }),
			lose: fc.boolean(),
			twice: fc.boolean()
		}),
		weight: 3
	},
	{ arbitrary: fc.record({ t: fc.constant('replay'), pick: fc.nat() }), weight: 1 },
	{
		arbitrary: fc.record({ t: fc.constant('both'), size: fc.integer({ min: 1, max: 6 }) }),
		weight: 1
	},
	{
		arbitrary: fc.record({
			t: fc.constant('fail'),
			device,
			size: fc.integer({ min: 1, max: 6 }),
			atWrite: fc.integer({ min: 1, max: 4 })
		}),
		weight: 1
	},
	{ arbitrary: fc.constant({ t: 'restart' as const }), weight: 1 }
);

/** The `n`-th item of `items`, counting round: fast-check picks any whole number. */
function item<T>(items: readonly T[], n: number): T {
	const found = items[n % items.length];
	if (found === undefined) throw new Error('no items to pick from');
	return found;
}

/** Makes the `atWrite`-th insert or update of a batch fail, as a full disk would. */
class FailAtWrite implements KyselyPlugin {
	#writes = 0;
	constructor(readonly atWrite: number) {}
	transformQuery({ node }: PluginTransformQueryArgs) {
		if (node.kind === 'InsertQueryNode' || node.kind === 'UpdateQueryNode')
			if (++this.#writes === this.atWrite) throw new Error('disk full');
		return node;
	}
	async transformResult({ result }: PluginTransformResultArgs) {
		return result;
	}
}

/** A server on a file it can be restarted on, and what it answered, seen or not. */
class Server {
	db: Db;
	readonly answers: Array<{ change: SyncChange; result: ChangeResult }> = [];
	readonly requests: SyncChange[][] = [];
	constructor(readonly file: string) {
		this.db = openDatabase(file);
	}
	async restart() {
		await this.db.destroy();
		this.db = openDatabase(this.file);
		await migrate(this.db);
	}
	async sync(account: StaffAccount, changes: SyncChange[], now: Date, db = this.db) {
		this.requests.push(changes);
		const results = await applyChanges(db, account, changes, now);
		changes.forEach((change, i) => this.answers.push({ change, result: item(results, i) }));
		return results;
	}
}

class Device {
	readonly outbox: SyncChange[] = [];
	readonly records: DeliveryRecordInput[] = [];
	readonly undone = new Set<string>();
	readonly undoIds: string[] = [];
	constructor(readonly catalogue: WardCatalogue) {}

	record(at: Date, token: boolean) {
		const payload = wardRecord(this.catalogue, at, token);
		this.records.push(payload);
		this.outbox.push(recordChange(payload));
	}

	/** Undo, as the ward's button offers it: once, a second after recording. */
	undo(pick: number) {
		const open = this.records.filter((r) => !this.undone.has(r.id));
		if (open.length === 0) return;
		const target = item(open, pick);
		this.undone.add(target.id);
		const change = undoChange(target);
		this.undoIds.push(change.id);
		this.outbox.push(change);
	}

	/** What the sync engine does with an answer: drop what the server has, keep the rest. */
	settle(sent: SyncChange[], results: ChangeResult[]) {
		const done = new Set(results.filter((r) => r.status !== 'refused').map((r) => r.id));
		const kept = this.outbox.filter((c) => !sent.includes(c) || !done.has(c.id));
		this.outbox.splice(0, this.outbox.length, ...kept);
	}
}

describe('applyChanges: exactly once under faults', () => {
	let dir: string;
	let server: Server;
	let nurse: StaffAccount;
	let catalogue: WardCatalogue;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'exactly-once-'));
		server = new Server(join(dir, 'toolkit.sqlite'));
		await migrate(server.db);
		await seedDemo(server.db, start);
		nurse = await staffAccountByEmail(server.db, 'ward7@demo.example');
		catalogue = await demoWardCatalogue(server.db);
	}, SLOW);

	afterAll(async () => {
		await server.db.destroy();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Everything the file holds about `ids`: what a failed batch must leave as it was. */
	async function snapshot(ids: string[]) {
		if (ids.length === 0) return { records: [], links: [], revisions: [] };
		const db = server.db;
		return {
			records: await db
				.selectFrom('delivery_record')
				.selectAll()
				.where('id', 'in', ids)
				.orderBy('id')
				.execute(),
			links: await db
				.selectFrom('patient_link')
				.selectAll()
				.where('delivery_id', 'in', ids)
				.orderBy('token_hash')
				.execute(),
			revisions: await db
				.selectFrom('delivery_record_revision')
				.selectAll()
				.where('delivery_id', 'in', ids)
				.orderBy('delivery_id')
				.execute()
		};
	}

	let clock = start.getTime() + 60_000;
	const tick = () => new Date((clock += 1000));

	async function run(ops: Op[]) {
		const devices = [new Device(catalogue), new Device(catalogue)] as const;
		const answersBefore = server.answers.length;
		const send = async (d: Device, size: number, twice: boolean) => {
			const sent = d.outbox.slice(0, size);
			if (sent.length === 0) return { sent, results: [] };
			// A change twice in one batch: the page and its worker both picked it up.
			const body = twice ? [...sent, item(sent, 0)] : sent;
			return { sent: body, results: await server.sync(nurse, body, tick()) };
		};

		for (const o of ops) {
			switch (o.t) {
				case 'record':
					devices[o.device].record(tick(), o.token);
					break;
				case 'undo':
					devices[o.device].undo(o.pick);
					break;
				case 'sync': {
					const d = devices[o.device];
					const { sent, results } = await send(d, o.size, o.twice);
					if (!o.lose) d.settle(sent, results);
					break;
				}
				case 'replay': {
					const old = server.requests.slice(-20);
					if (old.length) await server.sync(nurse, item(old, o.pick), tick());
					break;
				}
				case 'both': {
					const [a, b] = await Promise.all([
						send(devices[0], o.size, false),
						send(devices[1], o.size, false)
					]);
					devices[0].settle(a.sent, a.results);
					devices[1].settle(b.sent, b.results);
					break;
				}
				case 'fail': {
					const d = devices[o.device];
					const ids = devices.flatMap((x) => x.records.map((r) => r.id));
					const before = await snapshot(ids);
					const batch = d.outbox.slice(0, o.size);
					const failing = server.db.withPlugin(new FailAtWrite(o.atWrite));
					const outcome = await server.sync(nurse, batch, tick(), failing).then(
						(results) => ({ results }),
						(error: unknown) => ({ error })
					);
					if ('results' in outcome) d.settle(batch, outcome.results);
					else {
						expect(String(outcome.error)).toContain('disk full');
						expect(await snapshot(ids)).toEqual(before);
					}
					break;
				}
				case 'restart':
					await server.restart();
					break;
			}
		}
		// Back online for good: each device sends until its outbox is empty.
		for (const d of devices)
			for (let round = 0; d.outbox.length > 0; round++) {
				expect(round).toBeLessThan(100);
				const { sent, results } = await send(d, 5, false);
				d.settle(sent, results);
			}

		const answers = server.answers.slice(answersBefore);
		expect(answers.filter((a) => a.result.status === 'refused')).toEqual([]);
		const accepted = new Map<string, number>();
		for (const { result } of answers)
			if (result.status === 'accepted') accepted.set(result.id, (accepted.get(result.id) ?? 0) + 1);

		const records = devices.flatMap((d) => d.records);
		const undone = new Set(devices.flatMap((d) => [...d.undone]));
		const ids = records.map((r) => r.id);
		const { records: stored, links, revisions } = await snapshot(ids);

		expect(stored.map((r) => r.id)).toEqual([...ids].sort());
		for (const id of ids) expect(accepted.get(id)).toBe(1);
		for (const id of devices.flatMap((d) => d.undoIds)) expect(accepted.get(id)).toBe(1);

		for (const row of stored) {
			expect(row.voided_at !== null).toBe(undone.has(row.id));
			if (row.voided_at) expect(row.voided_at >= row.received_at).toBe(true);
		}
		expect(revisions.map((r) => r.delivery_id).sort()).toEqual([...undone].sort());
		for (const revision of revisions)
			expect(JSON.parse(revision.before)).toMatchObject({
				id: revision.delivery_id,
				voidedAt: null
			});
		expect(links.map((l) => l.delivery_id).sort()).toEqual(
			records
				.filter((r) => r.patientToken)
				.map((r) => r.id)
				.sort()
		);
	}

	it(
		'stores each record once, applies each undo once and in order, and never half a batch',
		async () => {
			await fc.assert(
				fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40, size: 'max' }), run),
				{
					numRuns: RUNS
				}
			);
		},
		PROPERTY_LIMIT
	);
});
