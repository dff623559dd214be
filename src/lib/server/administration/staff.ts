import { randomUUID } from 'node:crypto';
import type { AddStaffForm, ChangeRoleForm } from '$lib/domain/administration';
import { Role, type StaffAccount } from '$lib/domain/staff';
import { isUniqueViolation } from '../db/sql';
import { inTransaction, type Db } from '../db/database';
import { createSetPasswordLink } from '../auth/set-password-links';
import {
	clearSignInFailures,
	failuresByEmail,
	MAX_FAILURES_PER_ACCOUNT
} from '../auth/sign-in-limits';
import { recordAudit } from '../repositories/audit';

/*
 * The organisation admin's work on staff accounts. Every function takes the acting admin and
 * finds the account *within the admin's organisation*: another organisation's id is "not
 * found", and nothing changes. Each change and its audit row are one transaction. The audit
 * detail holds before and after, never a password, a hash or a link's token.
 */

export type Admin = Pick<StaffAccount, 'id' | 'organisationId'>;

export interface StaffRow {
	id: string;
	email: string;
	displayName: string;
	role: Role;
	wardId: string | null;
	wardName: string | null;
	disabled: boolean;
	/** Set once a password has been set (or an SSO identity linked). */
	hasSignIn: boolean;
	lastSignInAt: string | null;
	/** Too many failed sign-ins in the window: the admin may unlock it. */
	locked: boolean;
}

export async function listStaff(db: Db, organisationId: string, now = new Date()) {
	const [rows, failures] = await Promise.all([
		db
			.selectFrom('staff_account')
			.leftJoin('ward', 'ward.id', 'staff_account.ward_id')
			.select([
				'staff_account.id',
				'staff_account.email',
				'staff_account.display_name',
				'staff_account.role',
				'staff_account.ward_id',
				'staff_account.disabled',
				'staff_account.last_sign_in_at',
				'staff_account.password_hash',
				'staff_account.sso_subject',
				'ward.name as ward_name'
			])
			.where('staff_account.organisation_id', '=', organisationId)
			.orderBy('staff_account.display_name')
			.orderBy('staff_account.email')
			.execute(),
		failuresByEmail(db, organisationId, now)
	]);
	return rows.map((r): StaffRow => ({
		id: r.id,
		email: r.email,
		displayName: r.display_name,
		role: Role.parse(r.role),
		wardId: r.ward_id,
		wardName: r.ward_name,
		disabled: r.disabled === 1,
		hasSignIn: r.password_hash !== null || r.sso_subject !== null,
		lastSignInAt: r.last_sign_in_at,
		locked: (failures.get(r.email) ?? 0) >= MAX_FAILURES_PER_ACCOUNT
	}));
}

export async function getStaff(
	db: Db,
	organisationId: string,
	id: string,
	now = new Date()
): Promise<StaffRow | null> {
	// Ids are UUIDs; anything else is simply not found.
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	return (await listStaff(db, organisationId, now)).find((s) => s.id === id) ?? null;
}

async function wardInOrganisation(db: Db, organisationId: string, wardId: string | null) {
	if (wardId === null) return true;
	const ward = await db
		.selectFrom('ward')
		.select('retired_at')
		.where('organisation_id', '=', organisationId)
		.where('id', '=', wardId)
		.executeTakeFirst();
	return ward !== undefined && ward.retired_at === null;
}

export type AddStaffResult =
	| {
			ok: true;
			account: { id: string; email: string; displayName: string };
			token: string;
			expiresAt: Date;
	  }
	| { ok: false; field: 'email' | 'wardId'; message: string };

/** Adds a person with no password, and the one-time link with which they set it. */
export async function addStaff(
	db: Db,
	admin: Admin,
	input: AddStaffForm,
	now = new Date()
): Promise<AddStaffResult> {
	const emailTaken = {
		ok: false as const,
		field: 'email' as const,
		message: 'administration.errors.emailTaken'
	};
	// Two admins adding the same email at once: the second meets the unique index, not a 500.
	const created = await inTransaction(db, async (trx) => {
		if (!(await wardInOrganisation(trx, admin.organisationId, input.wardId)))
			return {
				ok: false as const,
				field: 'wardId' as const,
				message: 'administration.errors.wardId'
			};
		const taken = await trx
			.selectFrom('staff_account')
			.select('id')
			.where('organisation_id', '=', admin.organisationId)
			.where('email', '=', input.email)
			.executeTakeFirst();
		if (taken) return emailTaken;
		const id = randomUUID();
		await trx
			.insertInto('staff_account')
			.values({
				id,
				organisation_id: admin.organisationId,
				email: input.email,
				display_name: input.displayName,
				role: input.role,
				ward_id: input.wardId,
				password_hash: null,
				disabled: 0,
				created_at: now.toISOString(),
				last_sign_in_at: null,
				sso_subject: null
			})
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: admin.organisationId,
				actorId: admin.id,
				action: 'staff.added',
				subjectType: 'staff_account',
				subjectId: id,
				detail: {
					after: {
						email: input.email,
						displayName: input.displayName,
						role: input.role,
						wardId: input.wardId
					}
				}
			},
			now
		);
		// The invitation in the same transaction: no account without its link, no link unaudited.
		const link = await makeLink(trx, admin, id, 'invite', now);
		return { ok: true as const, id, link };
	}).catch((error: unknown) => {
		if (isUniqueViolation(error)) return emailTaken;
		throw error;
	});
	if (!created.ok) return created;
	return {
		ok: true,
		account: { id: created.id, email: input.email, displayName: input.displayName },
		...created.link
	};
}

/** A new set-password link and its audit row, in one transaction (joining the caller's). */
function makeLink(
	db: Db,
	admin: Admin,
	staffAccountId: string,
	purpose: 'invite' | 'reset',
	now: Date,
	detail: Record<string, unknown> = {}
) {
	return inTransaction(db, async (trx) => {
		const link = await createSetPasswordLink(
			trx,
			{ staffAccountId, purpose, createdBy: admin.id },
			now
		);
		await recordAudit(
			trx,
			{
				organisationId: admin.organisationId,
				actorId: admin.id,
				action: purpose === 'invite' ? 'staff.inviteLinkMade' : 'staff.resetLinkMade',
				subjectType: 'staff_account',
				subjectId: staffAccountId,
				// When it stops working; never the token.
				detail: { expiresAt: link.expiresAt.toISOString(), ...detail }
			},
			now
		);
		return link;
	});
}

/** The active admins of the organisation other than `exceptId`. */
export async function otherActiveAdmins(db: Db, organisationId: string, exceptId: string) {
	const { count } = await db
		.selectFrom('staff_account')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('organisation_id', '=', organisationId)
		.where('role', '=', 'admin')
		.where('disabled', '=', 0)
		.where('id', '!=', exceptId)
		.executeTakeFirstOrThrow();
	return Number(count);
}

export type ChangeResult =
	{ ok: true } | { ok: false; reason: 'notFound' } | { ok: false; reason: 'lastAdmin' | 'wardId' };

async function accountRow(db: Db, organisationId: string, id: string) {
	return db
		.selectFrom('staff_account')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function changeRole(
	db: Db,
	admin: Admin,
	id: string,
	input: ChangeRoleForm,
	now = new Date()
): Promise<ChangeResult> {
	return inTransaction(db, async (trx) => {
		const before = await accountRow(trx, admin.organisationId, id);
		if (!before) return { ok: false, reason: 'notFound' };
		if (before.role === input.role && before.ward_id === input.wardId) return { ok: true };
		if (!(await wardInOrganisation(trx, admin.organisationId, input.wardId)))
			return { ok: false, reason: 'wardId' };
		const demotesAdmin = before.role === 'admin' && input.role !== 'admin' && !before.disabled;
		if (demotesAdmin && (await otherActiveAdmins(trx, admin.organisationId, id)) === 0)
			return { ok: false, reason: 'lastAdmin' };
		await trx
			.updateTable('staff_account')
			// The admin decided this role: it stands while the person holds no mapped group.
			.set({ role: input.role, ward_id: input.wardId, role_from_sso: 0 })
			.where('id', '=', id)
			.where('organisation_id', '=', admin.organisationId)
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: admin.organisationId,
				actorId: admin.id,
				action: 'staff.roleChanged',
				subjectType: 'staff_account',
				subjectId: id,
				detail: {
					before: { role: before.role, wardId: before.ward_id },
					after: { role: input.role, wardId: input.wardId }
				}
			},
			now
		);
		return { ok: true };
	});
}

/**
 * Disables (every session of theirs ends in the same transaction) or enables an account.
 * The last active admin cannot be disabled: the organisation would have nobody to run it.
 */
export async function setDisabled(
	db: Db,
	admin: Admin,
	id: string,
	disabled: boolean,
	now = new Date()
): Promise<ChangeResult> {
	return inTransaction(db, async (trx) => {
		const before = await accountRow(trx, admin.organisationId, id);
		if (!before) return { ok: false, reason: 'notFound' };
		if ((before.disabled === 1) === disabled) return { ok: true };
		if (
			disabled &&
			before.role === 'admin' &&
			(await otherActiveAdmins(trx, admin.organisationId, id)) === 0
		)
			return { ok: false, reason: 'lastAdmin' };
		await trx
			.updateTable('staff_account')
			.set({ disabled: disabled ? 1 : 0 })
			.where('id', '=', id)
			.where('organisation_id', '=', admin.organisationId)
			.execute();
		let sessionsEnded = 0;
		if (disabled) {
			const ended = await trx
				.deleteFrom('session')
				.where('staff_account_id', '=', id)
				.executeTakeFirst();
			sessionsEnded = Number(ended.numDeletedRows);
			// An unused link must not bring a leaver back.
			await trx
				.updateTable('set_password_link')
				.set({ used_at: now.toISOString() })
				.where('staff_account_id', '=', id)
				.where('used_at', 'is', null)
				.execute();
		}
		await recordAudit(
			trx,
			{
				organisationId: admin.organisationId,
				actorId: admin.id,
				action: disabled ? 'staff.disabled' : 'staff.enabled',
				subjectType: 'staff_account',
				subjectId: id,
				detail: {
					before: { disabled: before.disabled === 1 },
					after: { disabled },
					...(disabled ? { sessionsEnded } : {})
				}
			},
			now
		);
		return { ok: true };
	});
}

/**
 * A new one-time link for the person; their earlier unused links stop working. An admin resets
 * an account they may believe taken: so at once, not when the link is used, every session of it
 * ends and its password is cleared (whoever holds the old one can no longer sign in; checkCredentials
 * skips an account without one). A reset link sets a password whether or not one is held
 * (set-password-links.ts). Null for a disabled account, or one that signs in through SSO.
 */
export async function resetPassword(db: Db, admin: Admin, id: string, now = new Date()) {
	return inTransaction(db, async (trx) => {
		const row = await accountRow(trx, admin.organisationId, id);
		// No link sets a password for someone who signs in through SSO (set-password-links.ts).
		if (!row || row.disabled === 1 || row.sso_subject !== null) return null;
		await trx
			.updateTable('staff_account')
			.set({ password_hash: null })
			.where('id', '=', id)
			.where('organisation_id', '=', admin.organisationId)
			.execute();
		const ended = await trx
			.deleteFrom('session')
			.where('staff_account_id', '=', id)
			.executeTakeFirst();
		return makeLink(trx, admin, id, 'reset', now, {
			sessionsEnded: Number(ended.numDeletedRows)
		});
	});
}

/**
 * Lets a throttled account try again: its organisation's failed sign-ins for its email are
 * forgotten, and only those (sign-in-limits.ts: the same email's account at another
 * organisation keeps its own). Audited in the account's organisation. The one unlock: /admin,
 * the platform and the command line all come here. How many failures were cleared; null when
 * the organisation holds no such account.
 */
export async function unlockAccount(
	db: Db,
	actorId: string,
	organisationId: string,
	id: string,
	now = new Date()
): Promise<number | null> {
	return inTransaction(db, async (trx) => {
		const row = await accountRow(trx, organisationId, id);
		if (!row) return null;
		const cleared = await clearSignInFailures(trx, organisationId, row.email);
		await recordAudit(
			trx,
			{
				organisationId,
				actorId,
				action: 'staff.unlocked',
				subjectType: 'staff_account',
				subjectId: id,
				detail: { failedAttemptsCleared: cleared }
			},
			now
		);
		return cleared;
	});
}

/** The organisation's admin unlocks one of its own accounts; false when it is not theirs. */
export async function unlockStaff(db: Db, admin: Admin, id: string, now = new Date()) {
	return (await unlockAccount(db, admin.id, admin.organisationId, id, now)) !== null;
}
