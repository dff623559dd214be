import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { createOrganisation } from '../repositories/organisations';
import { changeRole } from '../administration/staff';
import { createSession } from '../auth/sessions';
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
		clientAuth: 'clientSecret',
		clientSecret: 'secret',
		privateKey: null,
		allowedDomains: ['northfield.nhs.uk'],
		roleClaim: 'groups',
		roleMap: [
			{ group: 'admins', role: 'admin' },
			{ group: 'leads', role: 'engagementLead' },
			{ group: 'reviewers', role: 'clinicalReviewer' }
		],
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

describe('the provider’s groups at every sign-in', () => {
	const person = (sub: string, groups: string[] | undefined) =>
		signIn(sub, { email: `${sub}@northfield.nhs.uk`, email_verified: true, groups });
	const roleOf = async (id: string) =>
		(
			await db
				.selectFrom('staff_account')
				.select(['role', 'role_from_sso'])
				.where('id', '=', id)
				.executeTakeFirstOrThrow()
		).role;
	const actions = async () =>
		(await db.selectFrom('audit_event').select(['action', 'detail']).orderBy('at').execute()).map(
			(a) => [a.action, JSON.parse(a.detail) as Record<string, unknown>] as const
		);
	const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

	it('follows a move to another mapped group, audited with before and after', async () => {
		const lee = await accountForIdentity(db, person('lee', ['leads']), settings, later(1));
		const moved = await accountForIdentity(db, person('lee', ['reviewers']), settings, later(2));
		expect(moved).toMatchObject({ id: lee.id, role: 'clinicalReviewer' });
		expect(await roleOf(lee.id)).toBe('clinicalReviewer');
		expect((await actions()).at(-1)).toEqual([
			'staff.roleChangedBySso',
			{
				before: { role: 'engagementLead' },
				after: { role: 'clinicalReviewer' },
				group: 'reviewers'
			}
		]);
		// The same group again: nothing to change, nothing audited.
		await accountForIdentity(db, person('lee', ['reviewers']), settings, later(3));
		expect(await actions()).toHaveLength(2);
	});

	it('refuses a person whose role came from a group once they are in none, ending their sessions', async () => {
		const lee = await accountForIdentity(db, person('lee', ['leads']), settings);
		await createSession(db, lee.id, 12);
		await expect(
			reasonOf(accountForIdentity(db, person('lee', ['everyone']), settings, later(1)))
		).resolves.toBe('noMappedGroup');
		await expect(
			reasonOf(accountForIdentity(db, person('lee', undefined), settings, later(2)))
		).resolves.toBe('noMappedGroup');
		expect(await db.selectFrom('session').select('id').execute()).toEqual([]);
		expect(await roleOf(lee.id)).toBe('engagementLead');
		expect((await actions()).map(([action]) => action)).toEqual([
			'staff.createdBySso',
			'staff.refusedBySso',
			'staff.refusedBySso'
		]);
		expect((await actions())[1]?.[1]).toMatchObject({ role: 'engagementLead', sessionsEnded: 1 });
	});

	it('keeps the role of a person the admin added while they hold no mapped group; a group then decides', async () => {
		const added = await createStaffAccount(db, {
			organisationId: orgId,
			email: 'nia@northfield.nhs.uk',
			displayName: 'Nia',
			role: 'wardStaff'
		});
		const first = await accountForIdentity(db, person('nia', ['everyone']), settings, later(1));
		expect(first).toMatchObject({ id: added.id, role: 'wardStaff' });
		expect(await actions()).toEqual([]);
		// Her trust puts her in the reviewers' group: the provider now decides her role...
		expect(
			(await accountForIdentity(db, person('nia', ['reviewers']), settings, later(2))).role
		).toBe('clinicalReviewer');
		// ...and taking her out of it takes her access.
		await expect(
			reasonOf(accountForIdentity(db, person('nia', []), settings, later(3)))
		).resolves.toBe('noMappedGroup');
	});

	it('lets the admin’s own later choice of role stand while the person holds no mapped group', async () => {
		const admin = await createStaffAccount(db, {
			organisationId: orgId,
			email: 'boss@northfield.nhs.uk',
			displayName: 'Boss',
			role: 'admin'
		});
		const lee = await accountForIdentity(db, person('lee', ['leads']), settings, later(1));
		const changed = await changeRole(db, admin, lee.id, { role: 'wardStaff', wardId: null });
		expect(changed).toEqual({ ok: true });
		const signedIn = await accountForIdentity(db, person('lee', []), settings, later(2));
		expect(signedIn.role).toBe('wardStaff');
	});

	it('never demotes the organisation’s last active admin, but demotes one of two', async () => {
		const only = await createStaffAccount(db, {
			organisationId: orgId,
			email: 'ada@northfield.nhs.uk',
			displayName: 'Ada',
			role: 'admin'
		});
		const kept = await accountForIdentity(db, person('ada', ['leads']), settings, later(1));
		expect(kept.role).toBe('admin');
		expect(await roleOf(only.id)).toBe('admin');
		expect((await actions()).at(-1)).toEqual([
			'staff.lastAdminKept',
			{ group: 'leads', groupRole: 'engagementLead' }
		]);
		// A disabled admin does not count as another admin.
		const gone = await createStaffAccount(db, {
			organisationId: orgId,
			email: 'gone@northfield.nhs.uk',
			displayName: 'Gone',
			role: 'admin'
		});
		await db.updateTable('staff_account').set({ disabled: 1 }).where('id', '=', gone.id).execute();
		expect((await accountForIdentity(db, person('ada', ['leads']), settings, later(2))).role).toBe(
			'admin'
		);
		await accountForIdentity(db, person('bo', ['admins']), settings, later(3));
		const demoted = await accountForIdentity(db, person('ada', ['leads']), settings, later(4));
		expect(demoted.role).toBe('engagementLead');
		expect(await roleOf(only.id)).toBe('engagementLead');
	});

	it('changes nothing when the organisation maps no groups', async () => {
		const lee = await accountForIdentity(db, person('lee', ['leads']), settings, later(1));
		const unmapped = { ...settings, roleClaim: null };
		expect(
			(await accountForIdentity(db, person('lee', ['reviewers']), unmapped, later(2))).role
		).toBe('engagementLead');
		expect((await accountForIdentity(db, person('lee', []), unmapped, later(3))).id).toBe(lee.id);
	});
});
