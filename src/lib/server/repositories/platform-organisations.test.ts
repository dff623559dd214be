import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkSetPasswordLink } from '../auth/set-password-links';
import { accountForSession, createSession } from '../auth/sessions';
import type { Db } from '../db/database';
import { openDemoDatabase } from '../test-support/demo-database';
import {
	createOrganisationWithAdmin,
	findTrustOrganisation,
	listOrganisationAdmins,
	listTrustOrganisations,
	setOrganisationSuspended,
	takenFields,
	updateOrganisation
} from './platform-organisations';
import { auditPage } from '../administration/audit-log';
import { recordAudit } from './audit';
import { checkCredentials, createStaffAccount } from './staff-accounts';

/** What the platform's page of a trust lists first: the platform's own actions on it. */
const platformAudit = async (organisationId: string) =>
	(await auditPage(db, organisationId, 1, { by: 'platform' })).lines;

const now = new Date('2026-12-03T10:00:00Z');
const later = new Date('2026-12-03T11:00:00Z');
let db: Db;
let operator: { id: string };
let lead: { id: string; organisationId: string };

const eastbrook = {
	name: 'Eastbrook Hospitals NHS Trust',
	odsCode: 'RXQ',
	slug: null,
	timeZone: 'Europe/London',
	contact: 'Eastbrook PALS',
	defaultLanguages: ['en', 'pl'] as ('en' | 'pl')[],
	adminName: 'Erin Admin',
	adminEmail: 'erin@eastbrook.example'
};

beforeEach(async () => {
	const demo = await openDemoDatabase(now);
	db = demo.db;
	operator = await demo.account('platform@demo.example');
	lead = await demo.account('lead@demo.example');
});
afterEach(async () => {
	await db.destroy();
});

describe('organisations, as the platform admin sees them', () => {
	it('lists trusts with their staff count, never the platform’s own organisation', async () => {
		const list = await listTrustOrganisations(db);
		expect(list.map((o) => [o.name, o.staffCount])).toEqual([
			['Northfield Hospitals NHS Trust (demo)', 4],
			['Southmoor Health NHS Foundation Trust (demo)', 2]
		]);
		const platformId = (
			await db
				.selectFrom('organisation')
				.select('id')
				.where('kind', '=', 'platform')
				.executeTakeFirstOrThrow()
		).id;
		expect(await findTrustOrganisation(db, { id: platformId })).toBeNull();
		expect(await findTrustOrganisation(db, { slug: 'platform' })).toBeNull();
		expect(await setOrganisationSuspended(db, operator, platformId, true)).toBeNull();
	});

	it('creates a trust, its admin without a password and a working one-time link, audited', async () => {
		const created = await createOrganisationWithAdmin(db, operator, eastbrook, now);
		expect(created.organisation).toMatchObject({
			name: eastbrook.name,
			odsCode: 'RXQ',
			slug: 'eastbrook-hospitals-nhs-trust',
			defaultLanguages: ['en', 'pl'],
			suspendedAt: null,
			staffCount: 1
		});
		expect(await checkSetPasswordLink(db, created.token, now)).toMatchObject({
			ok: true,
			purpose: 'invite',
			email: 'erin@eastbrook.example'
		});
		const admin = await db
			.selectFrom('staff_account')
			.select(['role', 'password_hash'])
			.where('id', '=', created.admin.id)
			.executeTakeFirstOrThrow();
		expect(admin).toEqual({ role: 'admin', password_hash: null });
		const audit = await platformAudit(created.organisation.id);
		expect(audit.map((e) => [e.action, e.actorName]).sort()).toEqual([
			['organisation.created', 'Pat Platform'],
			['staff.invited', 'Pat Platform']
		]);
		expect(audit.find((e) => e.action === 'organisation.created')?.detail).toMatchObject({
			before: null,
			after: { name: eastbrook.name, odsCode: 'RXQ', suspended: false }
		});
	});

	it('says which unique fields are taken, leaving the organisation’s own aside', async () => {
		const { organisation } = await createOrganisationWithAdmin(db, operator, eastbrook, now);
		expect(await takenFields(db, { odsCode: 'RXQ', slug: organisation.slug })).toEqual([
			'odsCode',
			'slug'
		]);
		expect(
			await takenFields(db, { odsCode: 'RXQ', slug: organisation.slug }, organisation.id)
		).toEqual([]);
		expect(await takenFields(db, { odsCode: 'RXR', slug: 'platform' })).toEqual(['slug']);
	});

	it('audits an edit with only what changed, before and after; a new zone redates', async () => {
		const { organisation } = await createOrganisationWithAdmin(db, operator, eastbrook, now);
		const after = await updateOrganisation(
			db,
			operator,
			organisation.id,
			{ ...eastbrook, contact: 'New PALS', timeZone: 'Europe/Dublin', slug: 'eastbrook' },
			later
		);
		expect(after).toMatchObject({
			contact: 'New PALS',
			timeZone: 'Europe/Dublin',
			slug: 'eastbrook'
		});
		const [latest] = await platformAudit(organisation.id);
		expect(latest).toMatchObject({
			action: 'organisation.updated',
			detail: {
				before: {
					contact: 'Eastbrook PALS',
					timeZone: 'Europe/London',
					slug: 'eastbrook-hospitals-nhs-trust'
				},
				after: { contact: 'New PALS', timeZone: 'Europe/Dublin', slug: 'eastbrook' }
			}
		});
		// Saving the same again changes nothing, so nothing is audited.
		await updateOrganisation(
			db,
			operator,
			organisation.id,
			{ ...eastbrook, contact: 'New PALS', timeZone: 'Europe/Dublin', slug: 'eastbrook' },
			now
		);
		expect(await platformAudit(organisation.id)).toHaveLength(3);
	});

	it('suspending ends every session of its staff and refuses their sign-in; reinstating allows it', async () => {
		const trustId = lead.organisationId;
		const session = await createSession(db, lead.id, 12, now);
		const suspended = await setOrganisationSuspended(db, operator, trustId, true, now);
		expect(suspended?.suspendedAt).toBe(now.toISOString());
		expect(await accountForSession(db, session.token, now)).toBeNull();
		expect(await checkCredentials(db, 'lead@demo.example', 'demo-lead-pass')).toEqual({
			ok: false,
			reason: 'suspended'
		});
		// A wrong password still says only that it is wrong.
		expect(await checkCredentials(db, 'lead@demo.example', 'a wrong password')).toEqual({
			ok: false,
			reason: 'wrong'
		});
		// Suspending twice does nothing more.
		await setOrganisationSuspended(db, operator, trustId, true, now);
		await setOrganisationSuspended(db, operator, trustId, false, now);
		expect(await checkCredentials(db, 'lead@demo.example', 'demo-lead-pass')).toMatchObject({
			ok: true
		});
		const audit = await platformAudit(trustId);
		expect(audit.map((e) => e.action).sort()).toEqual([
			'organisation.reinstated',
			'organisation.suspended'
		]);
		expect(audit.find((e) => e.action === 'organisation.suspended')?.detail).toEqual({
			before: { suspended: false },
			after: { suspended: true },
			sessionsEnded: 1
		});
	});

	it('a person with accounts in two trusts still signs in to the one not suspended', async () => {
		const { organisation } = await createOrganisationWithAdmin(db, operator, eastbrook, now);
		await createStaffAccount(db, {
			organisationId: organisation.id,
			email: 'lead@demo.example',
			displayName: 'Lee Lead',
			role: 'engagementLead',
			password: 'demo-lead-pass'
		});
		await setOrganisationSuspended(db, operator, lead.organisationId, true, now);
		const checked = await checkCredentials(db, 'lead@demo.example', 'demo-lead-pass');
		expect(checked.ok && checked.account.organisationId).toBe(organisation.id);
	});

	it('shows the platform only its own actions, not the organisation’s content trail', async () => {
		await recordAudit(db, {
			organisationId: lead.organisationId,
			actorId: lead.id,
			action: 'published',
			subjectType: 'briefing_version',
			subjectId: 'x',
			detail: { topic: 'Falls' }
		});
		await setOrganisationSuspended(db, operator, lead.organisationId, true, now);
		expect((await platformAudit(lead.organisationId)).map((e) => e.action)).toEqual([
			'organisation.suspended'
		]);
	});
});

describe("an organisation's admins, for a new set-password link", () => {
	it('lists only its active admins, and nothing for the platform’s own organisation', async () => {
		const demoId = lead.organisationId;
		const admins = await listOrganisationAdmins(db, demoId);
		expect(admins.map((a) => [a.email, a.linkRefusal])).toEqual([
			['admin@demo.example', 'hasSignIn']
		]);
		const platformAdmin = await db
			.selectFrom('staff_account')
			.select('organisation_id')
			.where('id', '=', operator.id)
			.executeTakeFirstOrThrow();
		expect(await listOrganisationAdmins(db, platformAdmin.organisation_id)).toEqual([]);
		await db
			.updateTable('staff_account')
			.set({ disabled: 1 })
			.where('email', '=', 'admin@demo.example')
			.execute();
		expect(await listOrganisationAdmins(db, demoId)).toEqual([]);
	});
});
