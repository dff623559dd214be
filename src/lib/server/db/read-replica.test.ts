import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correctDelivery } from '../repositories/delivery-corrections';
import { deliveryForToken } from '../repositories/feedback';
import { measureSeries } from '../repositories/measurement';
import { organisationToday } from '../repositories/organisations';
import { seedDemo } from '../seed/demo';
import { patientTokenHash } from '../sync/patient-token';
import { openTestDatabase } from '../test-support/test-database';
import { copyDatabase } from './copy';
import type { Db } from './database';
import {
	noteOwnWrite,
	orPrimary,
	READ_PRIMARY_COOKIE,
	READ_PRIMARY_MS,
	readDatabase,
	readsFromPrimary
} from './read-replica';
import { staffAccountByEmail } from '../test-support/accounts';

/** A cookie jar as SvelteKit's `cookies`, keeping what was set and how. */
function jar() {
	const values = new Map<string, string>();
	const log: Array<{ name: string; value: string; options: object }> = [];
	return {
		log,
		get: (name: string) => values.get(name),
		set: (name: string, value: string, options: object) => {
			values.set(name, value);
			log.push({ name, value, options });
		}
	};
}

const primary = { name: 'primary' } as unknown as Db;
const replica = { name: 'replica' } as unknown as Db;
const now = Date.parse('2026-12-03T10:00:00Z');

describe('the choice of pool', () => {
	it('reads the primary only while the cookie’s time is ahead', () => {
		expect(readsFromPrimary(undefined, now)).toBe(false);
		expect(readsFromPrimary(String(now + 1), now)).toBe(true);
		expect(readsFromPrimary(String(now), now)).toBe(false);
		expect(readsFromPrimary(String(now - 1), now)).toBe(false);
		for (const bad of ['', 'soon', '1e20', '-5', `${now + 1}x`, '9'.repeat(16)])
			expect(readsFromPrimary(bad, now), bad).toBe(false);
	});

	it('after a lead’s write, sends their reads to the primary for a minute, then the replica', () => {
		const cookies = jar();
		const pools = { db: primary, readDb: replica };
		expect(readDatabase(pools, cookies, now)).toBe(replica);
		noteOwnWrite(pools, cookies, now);
		expect(cookies.log).toEqual([
			{
				name: READ_PRIMARY_COOKIE,
				value: String(now + READ_PRIMARY_MS),
				options: { path: '/', maxAge: 60, httpOnly: true, sameSite: 'lax' }
			}
		]);
		expect(readDatabase(pools, cookies, now + READ_PRIMARY_MS - 1)).toBe(primary);
		expect(readDatabase(pools, cookies, now + READ_PRIMARY_MS)).toBe(replica);
	});

	it('sets no cookie without a replica (one pool)', () => {
		const cookies = jar();
		noteOwnWrite({ db: primary, readDb: primary }, cookies, now);
		expect(cookies.log).toEqual([]);
	});

	it('asks the primary when the replica finds nothing, and only then', async () => {
		const pools = { db: primary, readDb: replica };
		const asked: string[] = [];
		const read =
			(found: Record<string, unknown>) =>
			async (db: Db): Promise<unknown> => {
				const name = (db as unknown as { name: string }).name;
				asked.push(name);
				return found[name];
			};
		expect(await orPrimary(pools, read({ replica: 'r', primary: 'p' }))).toBe('r');
		expect(await orPrimary(pools, read({ replica: undefined, primary: 'p' }))).toBe('p');
		expect(await orPrimary(pools, read({ replica: null, primary: null }))).toBeNull();
		expect(await orPrimary(pools, read({ replica: [], primary: ['p'] }))).toEqual(['p']);
		expect(asked).toEqual([
			'replica',
			'replica',
			'primary',
			'replica',
			'primary',
			'replica',
			'primary'
		]);
	});
});

/*
 * Two databases on the engine under test: the primary, and a "replica" made from it by
 * db:copy that then lags (nothing reaches it after the copy), as DATABASE_READ_URL would name.
 */
describe('a replica that lags, with the demo organisation', () => {
	let db: Db;
	let readDb: Db;
	beforeAll(async () => {
		db = await openTestDatabase();
		readDb = await openTestDatabase();
		await seedDemo(db, new Date(), { history: true });
		await copyDatabase(db, readDb);
	}, 120_000);
	afterAll(async () => {
		await db?.destroy();
		await readDb?.destroy();
	});

	it('measures read from the replica, and the lead’s own correction at once from the primary', async () => {
		const pools = { db, readDb };
		const lead = await staffAccountByEmail(db, 'lead@demo.example');
		const today = await organisationToday(db, lead.organisationId);
		const series = (from: Db) =>
			measureSeries(from, lead.organisationId, { slice: {}, kind: 'week', today });
		const before = await series(db);
		// The latest delivered record of the history, corrected to declined: coverage changes.
		const record = await db
			.selectFrom('delivery_record')
			.select('id')
			.where('organisation_id', '=', lead.organisationId)
			.where('outcome', '=', 'delivered')
			.orderBy('recorded_at', 'desc')
			.executeTakeFirstOrThrow();
		const cookies = jar();
		expect(
			await correctDelivery(db, lead, record.id, {
				outcome: 'declined',
				talkedThrough: false,
				interpreterUsed: false,
				carerPresent: false,
				teachBack: null,
				languageNeeded: null
			})
		).toBe('corrected');

		// Someone else (no cookie) reads the replica: the correction has not reached it.
		expect(await series(readDatabase(pools, jar()))).toEqual(before);
		// The lead who corrected it reads the primary, and sees it.
		noteOwnWrite(pools, cookies);
		const own = await series(readDatabase(pools, cookies));
		expect(own).not.toEqual(before);
		expect(own).toEqual(await series(db));
		// A minute on, the lead too reads the replica.
		expect(readDatabase(pools, cookies, Date.now() + READ_PRIMARY_MS)).toBe(readDb);
	});

	it('finds a patient’s QR link the replica has not received yet on the primary', async () => {
		const record = await db
			.selectFrom('delivery_record')
			.select(['id', 'organisation_id'])
			.where('voided_at', 'is', null)
			.orderBy('recorded_at', 'desc')
			.executeTakeFirstOrThrow();
		const token = 'x'.repeat(43);
		await db
			.insertInto('patient_link')
			.values({
				token_hash: patientTokenHash(token),
				delivery_id: record.id,
				organisation_id: record.organisation_id,
				created_at: new Date().toISOString()
			})
			.execute();
		expect(await deliveryForToken(readDb, token)).toBeUndefined();
		expect(await orPrimary({ db, readDb }, (from) => deliveryForToken(from, token))).toMatchObject({
			organisationSlug: expect.any(String),
			slug: expect.any(String)
		});
	});
});
