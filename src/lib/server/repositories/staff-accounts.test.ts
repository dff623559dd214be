import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { createOrganisation, createWard } from './organisations';
import {
	countStaffAccounts,
	createStaffAccount,
	listStaffAccounts,
	verifyCredentials,
	type NewStaffAccount
} from './staff-accounts';
import { openTestDatabase } from '../test-support/test-database';

let db: Db;
let orgId: string;

beforeEach(async () => {
	db = await openTestDatabase();
	orgId = (await createOrganisation(db, { name: 'Northfield' })).id;
});
afterEach(async () => {
	await db.destroy();
});

const nurse = (changes: Partial<NewStaffAccount> = {}): NewStaffAccount => ({
	organisationId: orgId,
	email: 'Wyn.Nurse@Trust.example',
	displayName: 'Wyn Ward Nurse',
	role: 'wardStaff',
	password: 'a long ward password',
	...changes
});

describe('staff accounts', () => {
	it('stores the email in lower case and the password only as an argon2id hash', async () => {
		const account = await createStaffAccount(db, nurse());
		expect(account).toEqual({
			id: expect.any(String),
			organisationId: orgId,
			email: 'wyn.nurse@trust.example',
			displayName: 'Wyn Ward Nurse',
			role: 'wardStaff',
			wardId: null
		});
		const row = await db
			.selectFrom('staff_account')
			.select(['email', 'password_hash'])
			.executeTakeFirstOrThrow();
		expect(row.email).toBe('wyn.nurse@trust.example');
		expect(row.password_hash).toMatch(/^\$argon2id\$/);
		expect(row.password_hash).not.toContain('a long ward password');
	});

	it('refuses a second account with the same email in another case', async () => {
		await createStaffAccount(db, nurse());
		await expect(
			createStaffAccount(db, nurse({ email: 'WYN.NURSE@trust.example' }))
		).rejects.toThrow(/UNIQUE|unique constraint/);
		expect(await countStaffAccounts(db)).toBe(1);
	});

	it('signs in with the right password, whatever the case of the email', async () => {
		const account = await createStaffAccount(db, nurse());
		expect(await verifyCredentials(db, 'wyn.nurse@TRUST.example', 'a long ward password')).toEqual(
			account
		);
	});

	it('refuses a wrong password, an unknown email and a disabled account', async () => {
		const account = await createStaffAccount(db, nurse());
		expect(await verifyCredentials(db, account.email, 'a long ward passworD')).toBeNull();
		expect(await verifyCredentials(db, 'nobody@trust.example', 'a long ward password')).toBeNull();
		await db.updateTable('staff_account').set({ disabled: 1 }).execute();
		expect(await verifyCredentials(db, account.email, 'a long ward password')).toBeNull();
	});

	it("lists an organisation's accounts with their ward, by role then name", async () => {
		const ward = await createWard(db, { organisationId: orgId, name: 'Ward 7' });
		await createStaffAccount(db, nurse({ wardId: ward.id }));
		await createStaffAccount(
			db,
			nurse({ email: 'lead@trust.example', displayName: 'Leila Lead', role: 'engagementLead' })
		);
		await createStaffAccount(
			db,
			nurse({ email: 'ann@trust.example', displayName: 'Ann Nurse', role: 'wardStaff' })
		);
		const other = await createOrganisation(db, { name: 'Southfield' });
		await createStaffAccount(db, nurse({ organisationId: other.id, email: 'x@south.example' }));

		const listed = await listStaffAccounts(db, orgId);
		expect(listed.map((a) => [a.role, a.displayName, a.wardName, a.disabled])).toEqual([
			['engagementLead', 'Leila Lead', null, false],
			['wardStaff', 'Ann Nurse', null, false],
			['wardStaff', 'Wyn Ward Nurse', 'Ward 7', false]
		]);
		expect(await countStaffAccounts(db)).toBe(4);
	});
});
