import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { createOrganisation } from '../repositories/organisations';
import { createStaffAccount } from '../repositories/staff-accounts';
import { accountForIdentity } from './accounts';
import type { FinishedSignIn } from './oidc';
import type { SsoSettings } from './settings';
import { openTestDatabase } from '../test-support/test-database';

let db: Db;
let orgId: string;
let otherOrgId: string;
let settings: SsoSettings;
const issuer = 'https://login.example/tenant/v2.0';

beforeEach(async () => {
	db = await openTestDatabase();
	orgId = (await createOrganisation(db, { name: 'Northfield' })).id;
	otherOrgId = (await createOrganisation(db, { name: 'Southgate' })).id;
	settings = {
		organisationId: orgId,
		issuer,
		clientId: 'toolkit',
		clientSecret: 'secret',
		allowedDomains: ['northfield.nhs.uk'],
		roleClaim: 'groups',
		roleMap: [{ group: 'leads', role: 'engagementLead' }],
		enabled: true,
		updatedAt: new Date().toISOString()
	};
});
afterEach(async () => {
	await db.destroy();
});

function signIn(sub: string, claims: Record<string, unknown>): FinishedSignIn {
	return {
		organisationId: orgId,
		returnTo: '',
		subject: `${issuer} ${sub}`,
		claims: { iss: issuer, sub, aud: 'toolkit', iat: 0, exp: 0, ...claims }
	};
}

const reasonOf = (promise: Promise<unknown>) =>
	promise.then(
		() => 'signed in',
		(e: { reason?: string }) => e.reason
	);

describe('accountForIdentity', () => {
	it('binds the account the admin added on first use, then finds it by identity alone', async () => {
		const added = await createStaffAccount(db, {
			organisationId: orgId,
			email: 'nia@northfield.nhs.uk',
			displayName: 'Nia',
			role: 'wardStaff'
		});
		const first = await accountForIdentity(
			db,
			signIn('s-1', { email: 'Nia@Northfield.nhs.uk', email_verified: true }),
			settings
		);
		expect(first.id).toBe(added.id);
		// Her email changes at the provider: the bound identity still finds her.
		await db.updateTable('staff_account').set({ email: 'nia.old@northfield.nhs.uk' }).execute();
		const later = await accountForIdentity(
			db,
			signIn('s-1', { email: 'nia.new@northfield.nhs.uk', email_verified: true }),
			settings
		);
		expect(later.id).toBe(added.id);
		// Someone else with her old email cannot take over the bound account.
		await expect(
			reasonOf(
				accountForIdentity(
					db,
					signIn('s-2', { email: 'nia.old@northfield.nhs.uk', email_verified: true }),
					settings
				)
			)
		).resolves.toBe('unknownPerson');
	});

	it('creates an account with the role of a mapped group, audited', async () => {
		const account = await accountForIdentity(
			db,
			signIn('s-3', {
				email: 'lee@northfield.nhs.uk',
				email_verified: true,
				name: 'Lee Lead',
				groups: ['everyone', 'leads']
			}),
			settings
		);
		expect(account).toMatchObject({
			organisationId: orgId,
			role: 'engagementLead',
			displayName: 'Lee Lead'
		});
		const audit = await db.selectFrom('audit_event').selectAll().execute();
		expect(audit.map((a) => a.action)).toEqual(['staff.createdBySso']);
	});

	it('refuses an unverified email, another domain, an unknown person and a disabled account', async () => {
		await expect(
			reasonOf(accountForIdentity(db, signIn('a', { email: 'x@northfield.nhs.uk' }), settings))
		).resolves.toBe('emailUnverified');
		await expect(
			reasonOf(
				accountForIdentity(
					db,
					signIn('a', { email: 'x@gmail.com', email_verified: true, groups: ['leads'] }),
					settings
				)
			)
		).resolves.toBe('emailDomain');
		await expect(
			reasonOf(
				accountForIdentity(
					db,
					signIn('a', { email: 'x@northfield.nhs.uk', email_verified: true, groups: ['x'] }),
					settings
				)
			)
		).resolves.toBe('unknownPerson');
		const gone = await createStaffAccount(db, {
			organisationId: orgId,
			email: 'gone@northfield.nhs.uk',
			displayName: 'Gone',
			role: 'wardStaff'
		});
		await db.updateTable('staff_account').set({ disabled: 1 }).where('id', '=', gone.id).execute();
		await expect(
			reasonOf(
				accountForIdentity(
					db,
					signIn('g', { email: 'gone@northfield.nhs.uk', email_verified: true }),
					settings
				)
			)
		).resolves.toBe('accountDisabled');
		expect(await db.selectFrom('staff_account').select('id').execute()).toHaveLength(1);
	});

	it('never finds an account of another organisation with the same email', async () => {
		await createStaffAccount(db, {
			organisationId: otherOrgId,
			email: 'sam@northfield.nhs.uk',
			displayName: 'Sam',
			role: 'admin'
		});
		await expect(
			reasonOf(
				accountForIdentity(
					db,
					signIn('sam', { email: 'sam@northfield.nhs.uk', email_verified: true }),
					settings
				)
			)
		).resolves.toBe('unknownPerson');
	});

	it('accepts Entra ID’s xms_edov as a verified email', async () => {
		const account = await accountForIdentity(
			db,
			signIn('e', { email: 'e@northfield.nhs.uk', xms_edov: true, groups: ['leads'] }),
			settings
		);
		expect(account.role).toBe('engagementLead');
	});
});
