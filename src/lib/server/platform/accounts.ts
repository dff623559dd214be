import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { Role } from '$lib/domain/staff';
import { unlockAccount } from '../administration/staff';
import { createSetPasswordLink, type LinkPurpose } from '../auth/set-password-links';
import { inTransaction, type Db } from '../db/database';
import type { Database } from '../db/schema';
import { recordAudit } from '../repositories/audit';
import { createOrganisation, freeOrganisationSlug } from '../repositories/organisations';
import { createStaffAccount } from '../repositories/staff-accounts';

/*
 * Accounts the service operator makes: platform admins, and an organisation's admin from the
 * command line. The command line has no person behind it that the database knows, yet every
 * audit row names a staff account (audit_event.actor_id): so it acts as a system account of the
 * platform organisation, "Command line", disabled and without a password, which can never sign
 * in. The audit page then reads "Command line" where a person's name would be.
 */

export const COMMAND_LINE_EMAIL = 'command-line@platform.invalid';

/** The platform's own organisation (kind 'platform'), made on first need. */
export async function ensurePlatformOrganisation(db: Db): Promise<string> {
	return inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('organisation')
			.select('id')
			.where('kind', '=', 'platform')
			.orderBy('created_at')
			.executeTakeFirst();
		if (row) return row.id;
		const created = await createOrganisation(trx, {
			name: 'Platform',
			slug: await freeOrganisationSlug(trx, 'platform'),
			kind: 'platform'
		});
		return created.id;
	});
}

/** The system account the command line's actions are recorded under. */
export async function commandLineActor(db: Db): Promise<{ id: string }> {
	return inTransaction(db, async (trx) => {
		const organisationId = await ensurePlatformOrganisation(trx);
		const row = await trx
			.selectFrom('staff_account')
			.select('id')
			.where('organisation_id', '=', organisationId)
			.where('email', '=', COMMAND_LINE_EMAIL)
			.executeTakeFirst();
		if (row) return row;
		const account = await createStaffAccount(trx, {
			organisationId,
			email: COMMAND_LINE_EMAIL,
			displayName: 'Command line',
			role: 'platformAdmin'
		});
		await trx
			.updateTable('staff_account')
			.set({ disabled: 1 })
			.where('id', '=', account.id)
			.where('organisation_id', '=', organisationId)
			.execute();
		return { id: account.id };
	});
}

export async function findAccount(db: Db, organisationId: string, email: string) {
	return db
		.selectFrom('staff_account')
		.select(['id', 'email', 'display_name', 'role', 'disabled'])
		.where('organisation_id', '=', organisationId)
		.where('email', '=', email.toLowerCase())
		.executeTakeFirst();
}

/**
 * A new account without a password, and its one-time link (72 hours) to set one; audited in the
 * account's organisation. The caller checks the email is free in that organisation.
 */
export async function inviteAccount(
	db: Db,
	actor: { id: string },
	input: {
		organisationId: string;
		email: string;
		displayName: string;
		role: Role;
		regionId?: string | null;
	},
	now = new Date()
): Promise<{ accountId: string; token: string; expiresAt: Date }> {
	return inTransaction(db, async (trx) => {
		const account = await createStaffAccount(trx, input);
		const link = await createSetPasswordLink(
			trx,
			{ staffAccountId: account.id, purpose: 'invite', createdBy: actor.id },
			now
		);
		await recordAudit(
			trx,
			{
				organisationId: input.organisationId,
				actorId: actor.id,
				action: 'staff.invited',
				subjectType: 'staff_account',
				subjectId: account.id,
				detail: { before: null, after: { email: account.email, role: account.role } }
			},
			now
		);
		return { accountId: account.id, token: link.token, expiresAt: link.expiresAt };
	});
}

/** A new set-password link for an existing account (earlier unused links stop working). */
export async function resetLink(
	db: Db,
	actor: { id: string },
	account: { id: string; organisationId: string },
	now = new Date(),
	purpose: LinkPurpose = 'reset'
): Promise<{ token: string; expiresAt: Date }> {
	return inTransaction(db, async (trx) => {
		const link = await createSetPasswordLink(
			trx,
			{ staffAccountId: account.id, purpose, createdBy: actor.id },
			now
		);
		await recordAudit(
			trx,
			{
				organisationId: account.organisationId,
				actorId: actor.id,
				action: 'staff.resetLinkMade',
				subjectType: 'staff_account',
				subjectId: account.id,
				detail: { expiresAt: link.expiresAt.toISOString() }
			},
			now
		);
		return link;
	});
}

/** Why the platform may not make an organisation's admin a set-password link, if it may not. */
export type PlatformLinkRefusal = 'hasSignIn' | 'notPlatformInvited';

/**
 * Whether the platform invited the account (the audit row `staff.invited` in its organisation,
 * by a platform organisation's account: the platform's page or its command line). An admin the
 * organisation invited itself is recorded as `staff.added` by one of its own admins.
 */
export function invitedByPlatform(
	eb: ExpressionBuilder<Database, 'staff_account'>
): ExpressionWrapper<Database, 'staff_account', SqlBool> {
	return eb.exists(
		eb
			.selectFrom('audit_event')
			.innerJoin('staff_account as actor', 'actor.id', 'audit_event.actor_id')
			.innerJoin(
				'organisation as actor_organisation',
				'actor_organisation.id',
				'actor.organisation_id'
			)
			.select('audit_event.id')
			.whereRef('audit_event.organisation_id', '=', 'staff_account.organisation_id')
			.whereRef('audit_event.subject_id', '=', 'staff_account.id')
			.where('audit_event.subject_type', '=', 'staff_account')
			.where('audit_event.action', '=', 'staff.invited')
			.where('actor_organisation.kind', '=', 'platform')
	);
}

/** The refusal, if any, for an account's columns (see firstPasswordLink). */
export function platformLinkRefusal(row: {
	password_hash: string | null;
	sso_subject: string | null;
	last_sign_in_at: string | null;
	invited_by_platform: unknown;
}): PlatformLinkRefusal | null {
	if (row.password_hash !== null || row.sso_subject !== null) return 'hasSignIn';
	if (row.last_sign_in_at !== null || !Number(row.invited_by_platform)) return 'notPlatformInvited';
	return null;
}

/**
 * The platform admin's link for an organisation's first admin, whom the platform invited and who
 * has never signed in (their invitation was lost or expired). For anyone else it is refused: for
 * someone with a password or an SSO identity, the link would replace their password and hand the
 * platform their account, and with it the records and feedback the platform must never read; for
 * an admin the organisation invited itself, it would cancel the organisation's own invitation and
 * take the account the same way; for one who has signed in before (a password an admin of theirs
 * reset and cleared, say), it would take an account in use. Their own organisation's admins
 * reset each other's passwords. The link is an invitation, which stops working once a password is
 * set or an SSO identity linked by any other way (set-password-links.ts), so it cannot be kept.
 */
export async function firstPasswordLink(
	db: Db,
	actor: { id: string },
	account: { id: string; organisationId: string },
	now = new Date()
): Promise<
	{ ok: true; token: string; expiresAt: Date } | { ok: false; reason: PlatformLinkRefusal }
> {
	return inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('staff_account')
			.select((eb) => [
				'password_hash',
				'sso_subject',
				'last_sign_in_at',
				invitedByPlatform(eb).as('invited_by_platform')
			])
			.where('id', '=', account.id)
			.where('organisation_id', '=', account.organisationId)
			.executeTakeFirstOrThrow();
		const refusal = platformLinkRefusal(row);
		if (refusal) return { ok: false as const, reason: refusal };
		return { ok: true as const, ...(await resetLink(trx, actor, account, now, 'invite')) };
	});
}

/**
 * Clears the sign-in throttle of the email's account in each given organisation (and no other:
 * another organisation's account with the same email stays throttled), audited in each.
 * Answers how many failures were cleared.
 */
export async function unlockEmail(
	db: Db,
	actor: { id: string },
	email: string,
	organisationIds: string[],
	now = new Date()
): Promise<number> {
	return inTransaction(db, async (trx) => {
		let failuresCleared = 0;
		for (const organisationId of organisationIds) {
			const account = await findAccount(trx, organisationId, email);
			if (account)
				failuresCleared +=
					(await unlockAccount(trx, actor.id, organisationId, account.id, now)) ?? 0;
		}
		return failuresCleared;
	});
}

/** A platform admin with a password, from the environment (PLATFORM_ADMIN_EMAIL); once. */
export async function ensurePlatformAdmin(
	db: Db,
	input: { email: string; password: string; displayName?: string }
): Promise<boolean> {
	return inTransaction(db, async (trx) => {
		const organisationId = await ensurePlatformOrganisation(trx);
		if (await findAccount(trx, organisationId, input.email)) return false;
		await createStaffAccount(trx, {
			organisationId,
			email: input.email,
			displayName: input.displayName ?? 'Platform admin',
			role: 'platformAdmin',
			password: input.password
		});
		return true;
	});
}
