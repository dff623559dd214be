import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { createOrganisation } from '../repositories/organisations';
import { createStaffAccount } from '../repositories/staff-accounts';
import {
	accountForSession,
	createSession,
	DEFAULT_IDLE_LIMITS,
	endSession,
	endSessionByKey,
	signOutKeyOf,
	sweepSessions
} from './sessions';
import { openTestDatabase } from '../test-support/test-database';

let db: Db;
let account: StaffAccount;
const now = new Date('2026-03-10T09:00:00Z');

beforeEach(async () => {
	db = await openTestDatabase();
	const org = await createOrganisation(db, { name: 'Northfield' });
	account = await createStaffAccount(db, {
		organisationId: org.id,
		email: 'Lead@Trust.example',
		displayName: 'Leila Lead',
		role: 'engagementLead',
		password: 'a long enough password'
	});
});
afterEach(async () => {
	await db.destroy();
});

const hoursLater = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const minutesLater = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
/** Idle limits long enough that only the expiry counts. */
const noIdle = { staffMinutes: 24 * 60, wardStaffMinutes: 24 * 60 };

describe('sessions', () => {
	it('finds the account for a live session, and none once it has ended', async () => {
		const { token, expiresAt } = await createSession(db, account.id, 12, now);
		expect(expiresAt).toEqual(hoursLater(12));
		expect(await accountForSession(db, token, minutesLater(10))).toEqual({
			...account,
			email: 'lead@trust.example'
		});

		await endSession(db, token);
		expect(await accountForSession(db, token, minutesLater(11))).toBeNull();
		expect(await db.selectFrom('session').selectAll().execute()).toEqual([]);
	});

	it('gives a long, URL-safe, different token each time', async () => {
		const a = await createSession(db, account.id, 12, now);
		const b = await createSession(db, account.id, 12, now);
		expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(a.token).not.toBe(b.token);
		await endSession(db, a.token);
		expect(await accountForSession(db, a.token, now)).toBeNull();
		expect((await accountForSession(db, b.token, now))?.id).toBe(account.id);
	});

	it('gives null for an unknown token', async () => {
		await createSession(db, account.id, 12, now);
		expect(await accountForSession(db, 'not-a-token', now)).toBeNull();
	});

	it('gives null once the session has expired', async () => {
		const { token } = await createSession(db, account.id, 2, now);
		expect((await accountForSession(db, token, hoursLater(1.99), noIdle))?.id).toBe(account.id);
		expect(await accountForSession(db, token, hoursLater(2), noIdle)).toBeNull();
		expect(await accountForSession(db, token, hoursLater(30), noIdle)).toBeNull();
	});

	it('gives null for a disabled account', async () => {
		const { token } = await createSession(db, account.id, 12, now);
		await db
			.updateTable('staff_account')
			.set({ disabled: 1 })
			.where('id', '=', account.id)
			.execute();
		expect(await accountForSession(db, token, now)).toBeNull();
	});

	it('stores only the SHA-256 of the token', async () => {
		const { token } = await createSession(db, account.id, 12, now);
		const rows = await db.selectFrom('session').selectAll().execute();
		expect(rows).toEqual([
			{
				id: createHash('sha256').update(token).digest('hex'),
				staff_account_id: account.id,
				created_at: now.toISOString(),
				expires_at: hoursLater(12).toISOString(),
				last_seen_at: now.toISOString()
			}
		]);
		expect(rows[0]?.id).not.toBe(token);
		// The stored id does not work as a token itself.
		expect(await accountForSession(db, rows[0]?.id ?? '', now)).toBeNull();
	});

	it('gives null for an account of a suspended organisation', async () => {
		const { token } = await createSession(db, account.id, 12, now);
		await db
			.updateTable('organisation')
			.set({ suspended_at: now.toISOString() })
			.where('id', '=', account.organisationId)
			.execute();
		expect(await accountForSession(db, token, now)).toBeNull();
	});
});

describe('a sign-out made offline, sent later by its key', () => {
	it('ends that session once; sent again, it ends nothing', async () => {
		const { token } = await createSession(db, account.id, 12, now);
		const other = await createSession(db, account.id, 12, now);
		const key = signOutKeyOf(token);
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain(token);
		expect(await endSessionByKey(db, key)).toBe(true);
		expect(await accountForSession(db, token, now, noIdle)).toBeNull();
		expect(await endSessionByKey(db, key)).toBe(false);
		// Only that one session: the next person's stays signed in.
		expect(await accountForSession(db, other.token, now, noIdle)).toMatchObject({
			id: account.id
		});
	});
});

describe('idle timeout', () => {
	async function wardNurse() {
		return createStaffAccount(db, {
			organisationId: account.organisationId,
			email: 'nurse@trust.example',
			displayName: 'Nia Nurse',
			role: 'wardStaff',
			password: 'a long enough password'
		});
	}

	it('ends a desk session after 30 minutes unused, and deletes it', async () => {
		const { token } = await createSession(db, account.id, 12, now);
		expect((await accountForSession(db, token, minutesLater(29.9)))?.id).toBe(account.id);
		// Used at 29.9 minutes: the 30 minutes count again from there.
		expect((await accountForSession(db, token, minutesLater(59)))?.id).toBe(account.id);
		expect(await accountForSession(db, token, minutesLater(89))).toBeNull();
		expect(await db.selectFrom('session').selectAll().execute()).toEqual([]);
	});

	it('keeps a ward nurse signed in through a shift without use, not longer', async () => {
		const nurse = await wardNurse();
		const { token } = await createSession(db, nurse.id, 24, now);
		expect((await accountForSession(db, token, hoursLater(11.9)))?.id).toBe(nurse.id);
		expect(await accountForSession(db, token, hoursLater(23.9))).toBeNull();
	});

	it('follows the configured limits', async () => {
		const nurse = await wardNurse();
		const limits = { staffMinutes: 10, wardStaffMinutes: 60 };
		const lead = await createSession(db, account.id, 12, now);
		const ward = await createSession(db, nurse.id, 12, now);
		expect(await accountForSession(db, lead.token, minutesLater(10), limits)).toBeNull();
		expect((await accountForSession(db, ward.token, minutesLater(59), limits))?.id).toBe(nurse.id);
		expect(await accountForSession(db, ward.token, minutesLater(120), limits)).toBeNull();
	});

	it('writes last_seen_at at most once a minute', async () => {
		const { token } = await createSession(db, account.id, 12, now);
		const lastSeen = async () =>
			(await db.selectFrom('session').select('last_seen_at').executeTakeFirstOrThrow())
				.last_seen_at;
		for (const seconds of [1, 20, 59])
			await accountForSession(db, token, minutesLater(seconds / 60));
		expect(await lastSeen()).toBe(now.toISOString());
		await accountForSession(db, token, minutesLater(1));
		expect(await lastSeen()).toBe(minutesLater(1).toISOString());
		await accountForSession(db, token, minutesLater(1.5));
		expect(await lastSeen()).toBe(minutesLater(1).toISOString());
	});
});

describe('sweepSessions', () => {
	it('deletes expired and idle sessions and unfinished SSO sign-ins, and keeps live ones', async () => {
		const nurse = await createStaffAccount(db, {
			organisationId: account.organisationId,
			email: 'nurse@trust.example',
			displayName: 'Nia Nurse',
			role: 'wardStaff'
		});
		const short = await createSession(db, account.id, 1, now);
		const idleLead = await createSession(db, account.id, 12, now);
		const liveLead = await createSession(db, account.id, 12, minutesLater(80));
		const ward = await createSession(db, nurse.id, 12, now);
		for (const [state, minutes] of [
			['old', -1],
			['fresh', 100]
		] as const)
			await db
				.insertInto('oidc_login')
				.values({
					state,
					organisation_id: account.organisationId,
					code_verifier: 'v',
					nonce: 'n',
					return_to: '/',
					created_at: now.toISOString(),
					expires_at: minutesLater(minutes).toISOString()
				})
				.execute();

		const at = minutesLater(90);
		expect(await sweepSessions(db, at, DEFAULT_IDLE_LIMITS)).toBe(2);
		for (const gone of [short, idleLead])
			expect(await accountForSession(db, gone.token, at)).toBeNull();
		expect((await accountForSession(db, liveLead.token, at))?.id).toBe(account.id);
		expect((await accountForSession(db, ward.token, at))?.id).toBe(nurse.id);
		expect(await db.selectFrom('session').select('id').execute()).toHaveLength(2);
		expect(await db.selectFrom('oidc_login').select('state').execute()).toEqual([
			{ state: 'fresh' }
		]);
	});
});
