import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAccount } from '$lib/domain/staff';
import { addStaff } from '../administration/staff';
import type { Db } from '../db/database';
import { seedDemo } from '../seed/demo';
import { openTestDatabasePair } from '../test-support/test-database';
import { inviteRegionalLead, listRegions } from './regions';
import { staffAccountByEmail } from '../test-support/accounts';

/*
 * Two app servers inviting the same email at the same moment (two handles on one database, each
 * with its own connections): both may pass the "already used?" read before either writes, and
 * the unique index refuses the second. It is told the email is used, not given an error page.
 */
let a: Db;
let b: Db;
let platform: StaffAccount;
let admin: StaffAccount;
let regionId: string;

const account = (email: string) => staffAccountByEmail(b, email);

beforeAll(async () => {
	[a, b] = await openTestDatabasePair();
	await seedDemo(a, new Date('2026-11-26T09:00:00Z'));
	platform = await account('platform@demo.example');
	admin = await account('admin@demo.example');
	regionId = (await listRegions(b))[0]?.id ?? '';
});
afterAll(async () => {
	await a.destroy();
	await b.destroy();
});

describe('the same email invited twice at once', () => {
	it('makes one regional lead; the other is told the email is used', async () => {
		const input = { regionId, email: 'twice@icb.example', displayName: 'Twice' };
		const results = await Promise.all([
			inviteRegionalLead(a, platform, input),
			inviteRegionalLead(b, platform, input)
		]);
		expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
		expect(results.find((r) => !r.ok)).toEqual({
			ok: false,
			field: 'email',
			message: 'errors.emailTaken'
		});
	});

	it('adds one member of staff; the other is told the email is used', async () => {
		const input = {
			email: 'twice@demo.example',
			displayName: 'Twice',
			role: 'engagementLead' as const,
			wardId: null
		};
		const results = await Promise.all([addStaff(a, admin, input), addStaff(b, admin, input)]);
		expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
		expect(results.find((r) => !r.ok)).toEqual({
			ok: false,
			field: 'email',
			message: 'administration.errors.emailTaken'
		});
	});
});
