import type { AuditAction } from '$lib/domain/audit-action';
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import { inTransaction } from '../db/database';
import type { StaffAccountTable } from '../db/schema';
import { otherActiveAdmins } from '../administration/staff';
import { recordAudit } from '../repositories/audit';
import { toStaffAccount } from '../repositories/staff-accounts';
import { emailAtDomain, lineForGroups, type RoleMapEntry } from '$lib/domain/sso';
import type { StaffAccount } from '$lib/domain/staff';
import { SsoError, type FinishedSignIn } from './oidc';
import type { SsoSettings } from './settings';

/** An email the provider vouches for: `email_verified`, or Entra ID's `xms_edov`. */
function verifiedEmail(claims: FinishedSignIn['claims']): string | null {
	const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
	if (!email) return null;
	return claims.email_verified === true || claims.xms_edov === true ? email : null;
}

/** The line of the organisation's group → role map the person matches, if it maps groups. */
function matchedLine(settings: SsoSettings, claims: FinishedSignIn['claims']): RoleMapEntry | null {
	return settings.roleClaim ? lineForGroups(claims[settings.roleClaim], settings.roleMap) : null;
}

/**
 * The staff account a checked ID token signs in to, within its organisation only:
 *  1. the account already bound to this identity ("<issuer> <sub>");
 *  2. else the account the admin added with this email and not yet bound: bound now;
 *  3. else, if the organisation maps a group claim to roles and the person holds a mapped
 *     group, a new account with that role.
 * The email must be verified and at the organisation's domain in every case; anything else
 * is refused, and a disabled account stays refused.
 *
 * When the organisation maps groups to roles, the provider is the source of truth for the
 * people it places in those groups, at every sign-in (a trust's IT team moves people between
 * groups, not between toolkit screens):
 *  - a person in a mapped group gets that group's role, changed and audited if it differs
 *    (`role_from_sso` = 1 from then on), except that the organisation's last active admin is
 *    never demoted (kept, and audited, so the organisation is never left without an admin);
 *  - a person whose role came from a group and who now holds no mapped group is refused, and
 *    their open sessions end (audited);
 *  - a person the admin added (or whose role the admin last set) and who holds no mapped
 *    group keeps the admin's role.
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
	const line = matchedLine(settings, claims);
	const outcome = await inTransaction(db, async (trx) => {
		const bound = await trx
			.selectFrom('staff_account')
			.selectAll()
			.where('organisation_id', '=', organisationId)
			.where('sso_subject', '=', subject)
			.executeTakeFirst();
		const byEmail =
			bound ??
			(await trx
				.selectFrom('staff_account')
				.selectAll()
				.where('organisation_id', '=', organisationId)
				.where('email', '=', email)
				.executeTakeFirst());
		if (byEmail) {
			if (byEmail.disabled) throw new SsoError('accountDisabled', `account ${byEmail.id}`);
			if (byEmail.sso_subject && byEmail.sso_subject !== subject)
				throw new SsoError('unknownPerson', 'the email’s account is bound to another identity');
			return signInExisting(trx, byEmail, subject, settings, line, now);
		}
		if (!line) throw new SsoError('unknownPerson', 'no account and no mapped group');
		return { account: await createAccount(trx, signIn, email, line, now) };
	});
	if ('refused' in outcome) throw outcome.refused;
	return outcome.account;
}

type Outcome = { account: StaffAccount } | { refused: SsoError };

async function signInExisting(
	trx: Db,
	row: Selectable<StaffAccountTable>,
	subject: string,
	settings: SsoSettings,
	line: RoleMapEntry | null,
	now: Date
): Promise<Outcome> {
	const audit = (action: AuditAction, detail: Record<string, unknown>) =>
		recordAudit(
			trx,
			{
				organisationId: row.organisation_id,
				actorId: row.id,
				action,
				subjectType: 'staff_account',
				subjectId: row.id,
				detail
			},
			now
		);
	const mapsGroups = !!settings.roleClaim && settings.roleMap.length > 0;
	if (mapsGroups && !line && row.role_from_sso) {
		// Committed, then refused: the provider says this person no longer belongs.
		const ended = await trx
			.deleteFrom('session')
			.where('staff_account_id', '=', row.id)
			.executeTakeFirst();
		await audit('staff.refusedBySso', {
			role: row.role,
			claim: settings.roleClaim,
			sessionsEnded: Number(ended.numDeletedRows)
		});
		return { refused: new SsoError('noMappedGroup', `account ${row.id} holds no mapped group`) };
	}
	let role = row.role;
	if (line && line.role !== row.role) {
		const lastAdmin =
			row.role === 'admin' && (await otherActiveAdmins(trx, row.organisation_id, row.id)) === 0;
		if (lastAdmin) await audit('staff.lastAdminKept', { group: line.group, groupRole: line.role });
		else {
			await audit('staff.roleChangedBySso', {
				before: { role: row.role },
				after: { role: line.role },
				group: line.group
			});
			role = line.role;
		}
	}
	const changed = {
		sso_subject: subject,
		last_sign_in_at: now.toISOString(),
		role,
		// A ward belongs to a ward staff member's role only.
		ward_id: role === 'wardStaff' ? row.ward_id : null,
		role_from_sso: line ? 1 : row.role_from_sso
	};
	await trx
		.updateTable('staff_account')
		.set(changed)
		.where('id', '=', row.id)
		.where('organisation_id', '=', row.organisation_id)
		.execute();
	return { account: toStaffAccount({ ...row, ...changed }) };
}

async function createAccount(
	trx: Db,
	signIn: FinishedSignIn,
	email: string,
	line: RoleMapEntry,
	now: Date
): Promise<StaffAccount> {
	const { claims, organisationId, subject } = signIn;
	const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
	const row = {
		id: randomUUID(),
		organisation_id: organisationId,
		email,
		display_name: name.slice(0, 80),
		role: line.role,
		ward_id: null,
		password_hash: null,
		disabled: 0,
		created_at: now.toISOString(),
		last_sign_in_at: now.toISOString(),
		sso_subject: subject,
		role_from_sso: 1
	};
	await trx.insertInto('staff_account').values(row).execute();
	// The person is their own actor: the admin's group → role map let them in.
	await recordAudit(
		trx,
		{
			organisationId,
			actorId: row.id,
			action: 'staff.createdBySso',
			subjectType: 'staff_account',
			subjectId: row.id,
			detail: { email, role: line.role, group: line.group }
		},
		now
	);
	return toStaffAccount(row);
}
