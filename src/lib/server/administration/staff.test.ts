import { describe, expect, it } from 'vitest';
import { openDemoDatabase } from '../test-support/demo-database';
import { failInsertsInto, stopFailingInserts } from '../test-support/test-database';
import { accountForSession, createSession } from '../auth/sessions';
import { beginSignInAttempt, MAX_FAILURES_PER_ACCOUNT } from '../auth/sign-in-limits';
import { checkSetPasswordLink, setPasswordWithLink } from '../auth/set-password-links';
import { commandLineActor, unlockEmail } from '../platform/accounts';
import { createOrganisation, createWard } from '../repositories/organisations';
import { checkCredentials, createStaffAccount } from '../repositories/staff-accounts';
import {
	addStaff,
	changeRole,
	getStaff,
	listStaff,
	resetPassword,
	setDisabled,
	unlockStaff
} from './staff';

const now = new Date('2026-12-03T10:00:00Z');

async function setUp() {
	const demo = await openDemoDatabase(now);
	const admin = await demo.account('admin@demo.example');
	const wardId = await demo.wardId('Ward 7');
	const audit = () =>
		demo.db.selectFrom('audit_event').selectAll().where('action', 'like', 'staff.%').execute();
	return { ...demo, admin, wardId, audit };
}

describe('a set-password link and its audit row, in one transaction', () => {
	const newNurse = (wardId: string) => ({
		email: 'new.nurse@demo.example',
		displayName: 'New Nurse',
		role: 'wardStaff' as const,
		wardId
	});

	it('a person whose invitation cannot be stored is not added at all', async () => {
		const { db, admin, wardId, audit } = await setUp();
		await failInsertsInto(db, 'set_password_link', 'disk full');
		await expect(addStaff(db, admin, newNurse(wardId), now)).rejects.toThrow('disk full');
		await stopFailingInserts(db, 'set_password_link');
		const found = await db
			.selectFrom('staff_account')
			.select('id')
			.where('email', '=', 'new.nurse@demo.example')
			.execute();
		expect(found).toEqual([]);
		expect(await audit()).toEqual([]);
	});

	it('a reset whose audit row cannot be written makes no link, and the earlier link still works', async () => {
		const { db, admin, wardId, audit } = await setUp();
		const added = await addStaff(db, admin, newNurse(wardId), now);
		if (!added.ok) throw new Error('not added');
		await failInsertsInto(db, 'audit_event', 'disk full');
		await expect(resetPassword(db, admin, added.account.id, now)).rejects.toThrow('disk full');
		await stopFailingInserts(db, 'audit_event');
		expect(await checkSetPasswordLink(db, added.token, now)).toMatchObject({ ok: true });
		const links = await db
			.selectFrom('set_password_link')
			.select('purpose')
			.where('staff_account_id', '=', added.account.id)
			.execute();
		expect(links).toEqual([{ purpose: 'invite' }]);
		expect((await audit()).map((r) => r.action)).toEqual(['staff.added', 'staff.inviteLinkMade']);
	});
});

describe('adding a person', () => {
	it('makes an account with no password and a link that names them', async () => {
		const { db, admin, wardId, audit } = await setUp();
		const added = await addStaff(
			db,
			admin,
			{ email: 'new.nurse@demo.example', displayName: 'New Nurse', role: 'wardStaff', wardId },
			now
		);
		if (!added.ok) throw new Error('not added');
		expect(await checkSetPasswordLink(db, added.token, now)).toMatchObject({
			ok: true,
			email: 'new.nurse@demo.example',
			purpose: 'invite'
		});
		const person = await getStaff(db, admin.organisationId, added.account.id, now);
		expect(person).toMatchObject({ role: 'wardStaff', wardId, hasSignIn: false, disabled: false });
		// Who and what, and never the token.
		const rows = await audit();
		expect(rows.map((r) => r.action)).toEqual(['staff.added', 'staff.inviteLinkMade']);
		expect(rows.every((r) => r.actor_id === admin.id)).toBe(true);
		expect(rows.some((r) => r.detail.includes(added.token))).toBe(false);
	});

	it('refuses an email already used in the organisation, and another organisation’s ward', async () => {
		const { db, admin } = await setUp();
		const taken = await addStaff(
			db,
			admin,
			{ email: 'lead@demo.example', displayName: 'X', role: 'engagementLead', wardId: null },
			now
		);
		expect(taken).toMatchObject({ ok: false, field: 'email' });
		const other = await createOrganisation(db, { name: 'Other Trust' });
		const theirWard = await createWard(db, { organisationId: other.id, name: 'Their ward' });
		const foreign = await addStaff(
			db,
			admin,
			{ email: 'x@demo.example', displayName: 'X', role: 'wardStaff', wardId: theirWard.id },
			now
		);
		expect(foreign).toMatchObject({ ok: false, field: 'wardId' });
	});
});

describe('the last admin', () => {
	it('can be neither demoted nor disabled; with a second admin, can', async () => {
		const { db, admin } = await setUp();
		expect(
			await changeRole(db, admin, admin.id, { role: 'engagementLead', wardId: null }, now)
		).toEqual({ ok: false, reason: 'lastAdmin' });
		expect(await setDisabled(db, admin, admin.id, true, now)).toEqual({
			ok: false,
			reason: 'lastAdmin'
		});
		expect((await getStaff(db, admin.organisationId, admin.id, now))?.role).toBe('admin');

		const lead = (await listStaff(db, admin.organisationId, now)).find(
			(s) => s.role === 'engagementLead'
		)!;
		await changeRole(db, admin, lead.id, { role: 'admin', wardId: null }, now);
		expect(
			await changeRole(db, admin, admin.id, { role: 'engagementLead', wardId: null }, now)
		).toEqual({ ok: true });
	});
});

describe('disabling', () => {
	it('ends every session of the person at once, and cancels their links', async () => {
		const { db, admin, account } = await setUp();
		const lead = await account('lead@demo.example');
		const session = await createSession(db, lead.id, 8, now);
		const link = await resetPassword(db, admin, lead.id, now);
		expect(await setDisabled(db, admin, lead.id, true, now)).toEqual({ ok: true });
		expect(await accountForSession(db, session.token, now)).toBeNull();
		expect(
			await db.selectFrom('session').where('staff_account_id', '=', lead.id).selectAll().execute()
		).toEqual([]);
		expect((await checkSetPasswordLink(db, link!.token, now)).ok).toBe(false);
		expect(await setDisabled(db, admin, lead.id, false, now)).toEqual({ ok: true });
		expect((await getStaff(db, admin.organisationId, lead.id, now))?.disabled).toBe(false);
	});
});

describe('resetting a password', () => {
	it('ends the sessions and refuses the old password at once, before the link is used', async () => {
		const { db, admin, account, audit } = await setUp();
		const lead = await account('lead@demo.example');
		const session = await createSession(db, lead.id, 8, now);
		expect((await checkCredentials(db, lead.email, 'demo-lead-pass')).ok).toBe(true);
		const link = await resetPassword(db, admin, lead.id, now);
		expect(await accountForSession(db, session.token, now)).toBeNull();
		expect(await checkCredentials(db, lead.email, 'demo-lead-pass')).toEqual({
			ok: false,
			reason: 'wrong'
		});
		expect((await audit()).at(-1)).toMatchObject({
			action: 'staff.resetLinkMade',
			subject_id: lead.id
		});
		expect(JSON.parse((await audit()).at(-1)!.detail)).toMatchObject({ sessionsEnded: 1 });
		// The reset link still sets a new password, which then works.
		expect(await checkSetPasswordLink(db, link!.token, now)).toMatchObject({
			ok: true,
			purpose: 'reset'
		});
		await setPasswordWithLink(db, link!.token, 'a new long passphrase', now);
		expect((await checkCredentials(db, lead.email, 'a new long passphrase')).ok).toBe(true);
	});
});

describe('resetting the password of someone who signs in through SSO', () => {
	it('makes no link (none could be used) and changes nothing', async () => {
		const { db, admin, account } = await setUp();
		const lead = await account('lead@demo.example');
		await db
			.updateTable('staff_account')
			.set({ sso_subject: 'https://login.example lead' })
			.where('id', '=', lead.id)
			.execute();
		const session = await createSession(db, lead.id, 8, now);
		expect(await resetPassword(db, admin, lead.id, now)).toBeNull();
		expect(await accountForSession(db, session.token, now)).not.toBeNull();
	});
});

describe('another organisation’s ids', () => {
	it('are not found, and nothing changes', async () => {
		const { db, admin } = await setUp();
		const other = await createOrganisation(db, { name: 'Other Trust' });
		const { createStaffAccount } = await import('../repositories/staff-accounts');
		const theirs = await createStaffAccount(db, {
			organisationId: other.id,
			email: 'their.admin@other.example',
			displayName: 'Their admin',
			role: 'engagementLead'
		});
		expect(await getStaff(db, admin.organisationId, theirs.id, now)).toBeNull();
		expect(await changeRole(db, admin, theirs.id, { role: 'admin', wardId: null }, now)).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(await setDisabled(db, admin, theirs.id, true, now)).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(await resetPassword(db, admin, theirs.id, now)).toBeNull();
		expect(await unlockStaff(db, admin, theirs.id, now)).toBe(false);
		const row = await db
			.selectFrom('staff_account')
			.selectAll()
			.where('id', '=', theirs.id)
			.executeTakeFirstOrThrow();
		expect([row.role, row.disabled]).toEqual(['engagementLead', 0]);
		expect(
			await db.selectFrom('audit_event').selectAll().where('subject_id', '=', theirs.id).execute()
		).toEqual([]);
	});
});

describe('unlocking', () => {
	it('lets a throttled account try again', async () => {
		const { db, admin, account } = await setUp();
		const ward = await account('ward7@demo.example');
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++)
			await beginSignInAttempt(db, ward.email, `10.0.0.${i}`, now);
		expect((await beginSignInAttempt(db, ward.email, '10.0.1.1', now)).limited).toBe(true);
		expect((await getStaff(db, admin.organisationId, ward.id, now))?.locked).toBe(true);

		expect(await unlockStaff(db, admin, ward.id, now)).toBe(true);
		expect((await getStaff(db, admin.organisationId, ward.id, now))?.locked).toBe(false);
		expect((await beginSignInAttempt(db, ward.email, '10.0.1.1', now)).limited).toBe(false);
	});
});

describe('one email in two organisations', () => {
	it("unlocks the admin's own organisation's account, never the other's", async () => {
		const { db, admin, account } = await setUp();
		const ward = await account('ward7@demo.example');
		const other = await createOrganisation(db, { name: 'Bramblewood', slug: 'bramblewood' });
		const twin = await createStaffAccount(db, {
			organisationId: other.id,
			email: ward.email,
			displayName: 'Same person, other trust',
			role: 'wardStaff',
			password: 'bramblewood ward passphrase'
		});
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++)
			await beginSignInAttempt(db, ward.email, `10.0.0.${i}`, now);
		expect((await beginSignInAttempt(db, ward.email, '10.0.1.1', now)).limited).toBe(true);
		const lockedAt = async (organisationId: string, id: string) =>
			(await getStaff(db, organisationId, id, now))?.locked;
		expect([
			await lockedAt(admin.organisationId, ward.id),
			await lockedAt(other.id, twin.id)
		]).toEqual([true, true]);

		// The demo's admin cannot reach Bramblewood's account, and unlocks only their own.
		expect(await unlockStaff(db, admin, twin.id, now)).toBe(false);
		expect(await unlockStaff(db, admin, ward.id, now)).toBe(true);
		expect([
			await lockedAt(admin.organisationId, ward.id),
			await lockedAt(other.id, twin.id)
		]).toEqual([false, true]);
		// The next attempt is checked against the demo's account only: Bramblewood's stays shut,
		// even to its right password.
		const attempt = await beginSignInAttempt(db, ward.email, '10.0.1.2', now);
		expect(attempt).toMatchObject({ limited: false, organisationIds: [admin.organisationId] });
		expect(
			await checkCredentials(db, ward.email, 'bramblewood ward passphrase', attempt.organisationIds)
		).toEqual({ ok: false, reason: 'wrong' });

		// The platform's unlock, named for Bramblewood, clears Bramblewood's alone.
		const actor = await commandLineActor(db);
		expect(await unlockEmail(db, actor, ward.email, [other.id], now)).toBe(
			MAX_FAILURES_PER_ACCOUNT
		);
		expect(await lockedAt(other.id, twin.id)).toBe(false);
		expect(
			await db
				.selectFrom('audit_event')
				.select(['organisation_id', 'subject_id'])
				.where('action', '=', 'staff.unlocked')
				.execute()
		).toEqual(
			expect.arrayContaining([
				{ organisation_id: admin.organisationId, subject_id: ward.id },
				{ organisation_id: other.id, subject_id: twin.id }
			])
		);
	});
});
