import { createHash, randomBytes } from 'node:crypto';
import { inTransaction, type Db } from '../db/database';
import { recordAudit } from '../repositories/audit';
import { hashPassword } from './password';

/*
 * One-time links to set a password: an invitation for a new person, or a reset. The token goes
 * in the link, shown once to the admin who made it; only its SHA-256 is stored, so a copy of the
 * database yields no usable link. A link works once, within its lifetime (72 hours), and making a
 * new link for a person cancels their earlier unused ones.
 */

export const LINK_HOURS = 72;

export type LinkPurpose = 'invite' | 'reset';

function digest(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Makes a link for the account; returns the token (for `/set-password/<token>`) and its expiry. */
export async function createSetPasswordLink(
	db: Db,
	input: { staffAccountId: string; purpose: LinkPurpose; createdBy: string | null },
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + LINK_HOURS * 3_600_000);
	await inTransaction(db, async (trx) => {
		await trx
			.updateTable('set_password_link')
			.set({ used_at: now.toISOString() })
			.where('staff_account_id', '=', input.staffAccountId)
			.where('used_at', 'is', null)
			.execute();
		await trx
			.insertInto('set_password_link')
			.values({
				token_hash: digest(token),
				staff_account_id: input.staffAccountId,
				purpose: input.purpose,
				created_by: input.createdBy,
				created_at: now.toISOString(),
				expires_at: expiresAt.toISOString(),
				used_at: null
			})
			.execute();
	});
	return { token, expiresAt };
}

export type LinkState =
	| { ok: true; staffAccountId: string; purpose: LinkPurpose; email: string }
	| { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** What a link is, without using it: for the set-password page's first load. */
export async function checkSetPasswordLink(
	db: Db,
	token: string,
	now = new Date()
): Promise<LinkState> {
	const row = await db
		.selectFrom('set_password_link') // tenancy: the link's token decides the account
		.innerJoin('staff_account', 'staff_account.id', 'set_password_link.staff_account_id')
		.select([
			'set_password_link.staff_account_id',
			'set_password_link.purpose',
			'set_password_link.expires_at',
			'set_password_link.used_at',
			'staff_account.email',
			'staff_account.disabled',
			'staff_account.password_hash',
			'staff_account.sso_subject'
		])
		.where('set_password_link.token_hash', '=', digest(token))
		.executeTakeFirst();
	if (!row || row.disabled) return { ok: false, reason: 'unknown' };
	// An invitation sets a first password only: once one is set it can replace nobody's. And no
	// link sets a password for someone who signs in through SSO: a link made before their first
	// SSO sign-in would otherwise give whoever holds it a second way into the account.
	if (
		row.used_at ||
		row.sso_subject !== null ||
		(row.purpose === 'invite' && row.password_hash !== null)
	)
		return { ok: false, reason: 'used' };
	if (row.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' };
	return { ok: true, staffAccountId: row.staff_account_id, purpose: row.purpose, email: row.email };
}

/**
 * Sets the password through the link and spends the link, in one transaction; a second use (a
 * double submit, a replay) finds it used. Ends the person's other sessions: after a reset nobody
 * who had the old password stays signed in. `password` must already satisfy `NewPassword`.
 */
export async function setPasswordWithLink(
	db: Db,
	token: string,
	password: string,
	now = new Date()
): Promise<LinkState> {
	const passwordHash = await hashPassword(password);
	return inTransaction(db, async (trx) => {
		const state = await checkSetPasswordLink(trx, token, now);
		if (!state.ok) return state;
		const spent = await trx
			.updateTable('set_password_link')
			.set({ used_at: now.toISOString() })
			.where('token_hash', '=', digest(token))
			.where('used_at', 'is', null)
			.executeTakeFirst();
		if (Number(spent.numUpdatedRows) !== 1) return { ok: false, reason: 'used' };
		await trx
			.updateTable('staff_account') // tenancy: the account the checked link names
			.set({ password_hash: passwordHash })
			.where('id', '=', state.staffAccountId)
			.execute();
		await trx.deleteFrom('session').where('staff_account_id', '=', state.staffAccountId).execute();
		const account = await trx
			.selectFrom('staff_account')
			.select('organisation_id')
			.where('id', '=', state.staffAccountId)
			.executeTakeFirstOrThrow();
		// In the same transaction: no password set without its audit row.
		await recordAudit(
			trx,
			{
				organisationId: account.organisation_id,
				actorId: state.staffAccountId,
				action: 'staff.passwordSet',
				subjectType: 'staff_account',
				subjectId: state.staffAccountId,
				detail: { purpose: state.purpose }
			},
			now
		);
		return state;
	});
}
