import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { inTransaction } from '../db/database';
import { recordAudit } from '../repositories/audit';
import { toStaffAccount } from '../repositories/staff-accounts';
import { emailAtDomain, roleFromGroups } from '$lib/domain/sso';
import type { StaffAccount } from '$lib/domain/staff';
import { SsoError, type FinishedSignIn } from './oidc';
import type { SsoSettings } from './settings';

/** An email the provider vouches for: `email_verified`, or Entra ID's `xms_edov`. */
function verifiedEmail(claims: FinishedSignIn['claims']): string | null {
	const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
	if (!email) return null;
	return claims.email_verified === true || claims.xms_edov === true ? email : null;
}

/**
 * The staff account a checked ID token signs in to, within its organisation only:
 *  1. the account already bound to this identity ("<issuer> <sub>");
 *  2. else the account the admin added with this email and not yet bound: bound now;
 *  3. else, if the organisation maps a group claim to roles and the person holds a mapped
 *     group, a new account with that role.
 * The email must be verified and at the organisation's domain in every case; anything else
 * is refused, and a disabled account stays refused.
 */
export async function accountForIdentity(
	db: Db,
	signIn: FinishedSignIn,
	settings: SsoSettings,
	now = new Date()
): Promise<StaffAccount> {
	const { claims, subject, organisationId } = signIn;
	const email = verifiedEmail(claims);
	if (!email) throw new SsoError('emailUnverified', 'no verified email in the ID token');
	if (!emailAtDomain(email, settings.allowedDomains))
		throw new SsoError('emailDomain', `email domain ${email.split('@').pop()}`);

	return inTransaction(db, async (tx) => {
		const bound = await tx
			.selectFrom('staff_account')
			.selectAll()
			.where('organisation_id', '=', organisationId)
			.where('sso_subject', '=', subject)
			.executeTakeFirst();
		const byEmail =
			bound ??
			(await tx
				.selectFrom('staff_account')
				.selectAll()
				.where('organisation_id', '=', organisationId)
				.where('email', '=', email)
				.executeTakeFirst());
		if (byEmail) {
			if (byEmail.disabled) throw new SsoError('accountDisabled', `account ${byEmail.id}`);
			if (byEmail.sso_subject && byEmail.sso_subject !== subject)
				throw new SsoError('unknownPerson', 'the email’s account is bound to another identity');
			await tx
				.updateTable('staff_account')
				.set({ sso_subject: subject, last_sign_in_at: now.toISOString() })
				.where('id', '=', byEmail.id)
				.execute();
			return toStaffAccount(byEmail);
		}

		const role = settings.roleClaim
			? roleFromGroups(claims[settings.roleClaim], settings.roleMap)
			: null;
		if (!role) throw new SsoError('unknownPerson', 'no account and no mapped group');
		const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
		const row = {
			id: randomUUID(),
			organisation_id: organisationId,
			email,
			display_name: name.slice(0, 80),
			role,
			ward_id: null,
			password_hash: null,
			disabled: 0,
			created_at: now.toISOString(),
			last_sign_in_at: now.toISOString(),
			sso_subject: subject
		};
		await tx.insertInto('staff_account').values(row).execute();
		// The person is their own actor: the admin's group → role map let them in.
		await recordAudit(
			tx,
			{
				organisationId,
				actorId: row.id,
				action: 'staff.createdBySso',
				subjectType: 'staff_account',
				subjectId: row.id,
				detail: { email, role, group: settings.roleClaim }
			},
			now
		);
		return toStaffAccount(row);
	});
}
