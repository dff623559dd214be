import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { isUiLanguage } from '$lib/domain/language';
import { Role, type StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import type { StaffAccountTable } from '../db/schema';
import { hashPassword, verifyPassword } from '../auth/password';

export function toStaffAccount(
	row: Omit<
		Selectable<StaffAccountTable>,
		'region_id' | 'interface_language' | 'mail_steps' | 'mail_digest'
	> & { region_id?: string | null; interface_language?: string | null }
): StaffAccount {
	return {
		id: row.id,
		organisationId: row.organisation_id,
		email: row.email,
		displayName: row.display_name,
		role: Role.parse(row.role),
		wardId: row.ward_id,
		...(row.region_id ? { regionId: row.region_id } : {}),
		...(isUiLanguage(row.interface_language) ? { interfaceLanguage: row.interface_language } : {})
	};
}

export interface NewStaffAccount {
	organisationId: string;
	email: string;
	displayName: string;
	role: Role;
	wardId?: string | null;
	/** A regional lead's region (036). */
	regionId?: string | null;
	/** Absent: the person sets one through a link, or signs in through their organisation's SSO. */
	password?: string;
}

export async function createStaffAccount(db: Db, input: NewStaffAccount): Promise<StaffAccount> {
	const row = {
		id: randomUUID(),
		organisation_id: input.organisationId,
		email: input.email.toLowerCase(),
		display_name: input.displayName,
		role: input.role,
		ward_id: input.wardId ?? null,
		region_id: input.regionId ?? null,
		password_hash: input.password === undefined ? null : await hashPassword(input.password),
		disabled: 0,
		created_at: new Date().toISOString(),
		last_sign_in_at: null,
		sso_subject: null,
		role_from_sso: 0
	};
	await db.insertInto('staff_account').values(row).execute();
	return toStaffAccount(row);
}

/**
 * The account if the password is right and its organisation is not suspended. A wrong email
 * still costs one hash check, so the time taken does not tell a guesser which emails exist.
 */
export async function verifyCredentials(
	db: Db,
	email: string,
	password: string
): Promise<StaffAccount | null> {
	const result = await checkCredentials(db, email, password);
	return result.ok ? result.account : null;
}

export type CredentialsCheck =
	| { ok: true; account: StaffAccount }
	/** `suspended`: the password is right, but the organisation is suspended by the platform. */
	| { ok: false; reason: 'wrong' | 'suspended' };

/**
 * As `verifyCredentials`, saying why a right password still does not sign the person in. With
 * `organisationIds` (the sign-in throttle's), only those organisations' accounts are checked.
 */
export async function checkCredentials(
	db: Db,
	email: string,
	password: string,
	organisationIds?: string[]
): Promise<CredentialsCheck> {
	// An email may hold an account in more than one organisation (015): the password picks one.
	const rows =
		organisationIds?.length === 0
			? []
			: await db
					.selectFrom('staff_account')
					.innerJoin('organisation', 'organisation.id', 'staff_account.organisation_id')
					.selectAll('staff_account')
					.select('organisation.suspended_at')
					.where('staff_account.email', '=', email.toLowerCase()) // tenancy: signing in decides the organisation
					.where('staff_account.disabled', '=', 0)
					.where('staff_account.password_hash', 'is not', null)
					.$if(organisationIds !== undefined, (q) =>
						q.where('staff_account.organisation_id', 'in', organisationIds!)
					)
					.orderBy('staff_account.created_at')
					.orderBy('staff_account.id')
					.execute();
	if (rows.length === 0) {
		await verifyPassword(await decoyHash(), password);
		return { ok: false, reason: 'wrong' };
	}
	let suspended = false;
	for (const { suspended_at, ...row } of rows)
		if (row.password_hash && (await verifyPassword(row.password_hash, password))) {
			if (!suspended_at) return { ok: true, account: toStaffAccount(row) };
			suspended = true;
		}
	return { ok: false, reason: suspended ? 'suspended' : 'wrong' };
}

let decoy: Promise<string> | undefined;
function decoyHash(): Promise<string> {
	decoy ??= hashPassword('decoy password that is never valid');
	return decoy;
}

export async function listStaffAccounts(db: Db, organisationId: string) {
	const rows = await db
		.selectFrom('staff_account')
		.leftJoin('ward', 'ward.id', 'staff_account.ward_id')
		.select([
			'staff_account.id',
			'staff_account.email',
			'staff_account.display_name',
			'staff_account.role',
			'staff_account.disabled',
			'ward.name as ward_name'
		])
		.where('staff_account.organisation_id', '=', organisationId)
		.orderBy('staff_account.role')
		.orderBy('staff_account.display_name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		email: r.email,
		displayName: r.display_name,
		role: Role.parse(r.role),
		disabled: r.disabled === 1,
		wardName: r.ward_name
	}));
}

export async function countStaffAccounts(db: Db): Promise<number> {
	const { count } = await db
		.selectFrom('staff_account')
		.select((eb) => eb.fn.countAll<number>().as('count')) // tenancy: first start, a bare count
		.executeTakeFirstOrThrow();
	return Number(count);
}

/** Notes a successful sign-in, for the admin's staff list. */
export async function noteSignIn(db: Db, staffAccountId: string, now = new Date()): Promise<void> {
	await db
		.updateTable('staff_account')
		.set({ last_sign_in_at: now.toISOString() })
		.where('id', '=', staffAccountId) // tenancy: the account has just signed in; its id decides
		.execute();
}
