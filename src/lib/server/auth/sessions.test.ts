import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import { migrate, openDatabase, type Db } from '../db/database';
import { createOrganisation } from '../repositories/organisations';
import { createStaffAccount } from '../repositories/staff-accounts';
import { accountForSession, createSession, endSession } from './sessions';

let db: Db;
let account: StaffAccount;
const now = new Date('2026-03-10T09:00:00Z');

beforeEach(async () => {
	db = openDatabase(':memory:');
	await migrate(db);
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

describe('sessions', () => {
	it('finds the account for a live session, and none once it has ended', async () => {
		const { token, expiresAt } = await createSession(db, account.id, 12, now);
		expect(expiresAt).toEqual(hoursLater(12));
		expect(await accountForSession(db, token, hoursLater(1))).toEqual({
			...account,
			email: 'lead@trust.example'
		});

		await endSession(db, token);
		expect(await accountForSession(db, token, hoursLater(1))).toBeNull();
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
		expect((await accountForSession(db, token, hoursLater(1.99)))?.id).toBe(account.id);
		expect(await accountForSession(db, token, hoursLater(2))).toBeNull();
		expect(await accountForSession(db, token, hoursLater(30))).toBeNull();
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
				last_seen_at: null
			}
		]);
		expect(rows[0]?.id).not.toBe(token);
		// The stored id does not work as a token itself.
		expect(await accountForSession(db, rows[0]?.id ?? '', now)).toBeNull();
	});
});
