import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addStaff, resetPassword } from '../administration/staff';
import { checkSetPasswordLink, setPasswordWithLink } from '../auth/set-password-links';
import type { Db } from '../db/database';
import {
	createOrganisationWithAdmin,
	listOrganisationAdmins
} from '../repositories/platform-organisations';
import { checkCredentials, createStaffAccount } from '../repositories/staff-accounts';
import { openDemoDatabase } from '../test-support/demo-database';
import { firstPasswordLink } from './accounts';

const now = new Date('2026-12-03T10:00:00Z');
let db: Db;
let operator: { id: string };
let demoAdmin: { id: string; organisationId: string };

beforeEach(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	operator = await demo.account('platform@demo.example');
	demoAdmin = await demo.account('admin@demo.example');
});
afterEach(async () => {
	await db.destroy();
});

const linksOf = (staffAccountId: string) =>
	db
		.selectFrom('set_password_link')
		.select(['purpose', 'created_by', 'used_at'])
		.where('staff_account_id', '=', staffAccountId)
		.orderBy('created_at')
		.execute();
const auditOf = (subjectId: string) =>
	db
		.selectFrom('audit_event')
		.select(['organisation_id', 'actor_id', 'action'])
		.where('subject_id', '=', subjectId)
		.orderBy('at')
		.execute();

async function eastbrook() {
	const created = await createOrganisationWithAdmin(
		db,
		operator,
		{
			name: 'Eastbrook Hospitals NHS Trust',
			odsCode: 'RXQ',
			slug: null,
			timeZone: 'Europe/London',
			contact: '',
			defaultLanguages: ['en'],
			adminName: 'Erin Admin',
			adminEmail: 'erin@eastbrook.example'
		},
		now
	);
	return {
		...created,
		account: { id: created.admin.id, organisationId: created.organisation.id }
	};
}

describe('the platform admin’s set-password link for an organisation’s admin', () => {
	it('is made for an admin who has never set a password, audited as the platform admin', async () => {
		const { account, token: first } = await eastbrook();
		const link = await firstPasswordLink(db, operator, account, now);
		if (!link.ok) throw new Error('refused');
		expect(await checkSetPasswordLink(db, link.token, now)).toMatchObject({
			ok: true,
			purpose: 'invite'
		});
		expect(await checkSetPasswordLink(db, first, now)).toEqual({ ok: false, reason: 'used' });
		expect(await auditOf(account.id)).toEqual([
			{ organisation_id: account.organisationId, actor_id: operator.id, action: 'staff.invited' },
			{
				organisation_id: account.organisationId,
				actor_id: operator.id,
				action: 'staff.resetLinkMade'
			}
		]);
		expect(await setPasswordWithLink(db, link.token, 'erin’s own passphrase', now)).toMatchObject({
			ok: true
		});
	});

	it('is refused for an admin who has set a password: nothing made, nothing changed', async () => {
		const before = await linksOf(demoAdmin.id);
		const auditBefore = await auditOf(demoAdmin.id);
		expect(await firstPasswordLink(db, operator, demoAdmin, now)).toEqual({
			ok: false,
			reason: 'hasSignIn'
		});
		expect(await linksOf(demoAdmin.id)).toEqual(before);
		expect(await auditOf(demoAdmin.id)).toEqual(auditBefore);
		expect((await checkCredentials(db, 'admin@demo.example', 'demo-admin-pass')).ok).toBe(true);
	});

	it('is refused for an admin who signs in through SSO, without a password', async () => {
		const { account } = await eastbrook();
		await db
			.updateTable('staff_account')
			.set({ sso_subject: 'entra|erin' })
			.where('id', '=', account.id)
			.execute();
		expect(await firstPasswordLink(db, operator, account, now)).toMatchObject({ ok: false });
	});

	it('is refused for an admin the organisation invited itself, whose own invitation still works', async () => {
		const added = await addStaff(
			db,
			demoAdmin,
			{
				email: 'second.admin@demo.example',
				displayName: 'Second Admin',
				role: 'admin',
				wardId: null
			},
			now
		);
		if (!added.ok) throw new Error('not added');
		const account = { id: added.account.id, organisationId: demoAdmin.organisationId };
		const before = await linksOf(account.id);
		expect(await firstPasswordLink(db, operator, account, now)).toEqual({
			ok: false,
			reason: 'notPlatformInvited'
		});
		expect(await linksOf(account.id)).toEqual(before);
		expect(await checkSetPasswordLink(db, added.token, now)).toMatchObject({ ok: true });
		const listed = await listOrganisationAdmins(db, demoAdmin.organisationId);
		expect(listed.find((a) => a.id === account.id)?.linkRefusal).toBe('notPlatformInvited');
	});

	it('is refused for the admin it invited once they have signed in, even with no password now', async () => {
		const { account, token } = await eastbrook();
		expect(await listOrganisationAdmins(db, account.organisationId)).toEqual([
			expect.objectContaining({ id: account.id, linkRefusal: null })
		]);
		await setPasswordWithLink(db, token, 'erin’s own passphrase', now);
		await db
			.updateTable('staff_account')
			.set({ last_sign_in_at: now.toISOString() })
			.where('id', '=', account.id)
			.execute();
		// A second admin of theirs resets Erin's password, which clears it until the link is used.
		const second = await createStaffAccount(db, {
			organisationId: account.organisationId,
			email: 'sam@eastbrook.example',
			displayName: 'Sam Admin',
			role: 'admin',
			password: 'sam admin passphrase'
		});
		const reset = await resetPassword(db, second, account.id, now);
		expect(reset).not.toBeNull();
		expect(await firstPasswordLink(db, operator, account, now)).toEqual({
			ok: false,
			reason: 'notPlatformInvited'
		});
		expect(await checkSetPasswordLink(db, reset!.token, now)).toMatchObject({ ok: true });
	});

	it('stops working once the admin has a password, so it cannot be kept for later', async () => {
		const { account } = await eastbrook();
		const link = await firstPasswordLink(db, operator, account, now);
		if (!link.ok) throw new Error('refused');
		// A password set another way meanwhile (a concurrent link, say).
		await db
			.updateTable('staff_account')
			.set({ password_hash: 'set-elsewhere' })
			.where('id', '=', account.id)
			.execute();
		expect(await checkSetPasswordLink(db, link.token, now)).toEqual({ ok: false, reason: 'used' });
		expect(await setPasswordWithLink(db, link.token, 'the platform’s passphrase', now)).toEqual({
			ok: false,
			reason: 'used'
		});
		const row = await db
			.selectFrom('staff_account')
			.select('password_hash')
			.where('id', '=', account.id)
			.executeTakeFirstOrThrow();
		expect(row.password_hash).toBe('set-elsewhere');
	});

	it('leaves resets to the organisation’s own admins, who can reset another admin', async () => {
		const second = await createStaffAccount(db, {
			organisationId: demoAdmin.organisationId,
			email: 'second.admin@demo.example',
			displayName: 'Second Admin',
			role: 'admin',
			password: 'second admin passphrase'
		});
		const link = await resetPassword(db, demoAdmin, second.id, now);
		expect(link).not.toBeNull();
		expect(await setPasswordWithLink(db, link!.token, 'a new passphrase here', now)).toMatchObject({
			ok: true,
			purpose: 'reset'
		});
		expect(
			(await checkCredentials(db, 'second.admin@demo.example', 'a new passphrase here')).ok
		).toBe(true);
	});
});
