import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { Role, type StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import type { StaffAccountTable } from '../db/schema';
import { hashPassword, verifyPassword } from '../auth/password';

export function toStaffAccount(row: Selectable<StaffAccountTable>): StaffAccount {
	return {
		id: row.id,
		organisationId: row.organisation_id,
		email: row.email,
		displayName: row.display_name,
		role: Role.parse(row.role),
		wardId: row.ward_id
	};
}

export interface NewStaffAccount {
	organisationId: string;
	email: string;
	displayName: string;
	role: Role;
	wardId?: string | null;
	password: string;
}

export async function createStaffAccount(db: Db, input: NewStaffAccount): Promise<StaffAccount> {
	const row = {
		id: randomUUID(),
		organisation_id: input.organisationId,
		email: input.email.toLowerCase(),
		display_name: input.displayName,
		role: input.role,
		ward_id: input.wardId ?? null,
		password_hash: await hashPassword(input.password),
		disabled: 0,
		created_at: new Date().toISOString()
	};
	await db.insertInto('staff_account').values(row).execute();
	return toStaffAccount(row);
}

/**
 * The account if the password is right. A wrong email still costs one hash check, so the
 * time taken does not tell a guesser which emails exist.
 */
export async function verifyCredentials(
	db: Db,
	email: string,
	password: string
): Promise<StaffAccount | null> {
	const row = await db
		.selectFrom('staff_account')
		.selectAll()
		.where('email', '=', email.toLowerCase())
		.where('disabled', '=', 0)
		.executeTakeFirst();
	if (!row) {
		await verifyPassword(await decoyHash(), password);
		return null;
	}
	return (await verifyPassword(row.password_hash, password)) ? toStaffAccount(row) : null;
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
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.executeTakeFirstOrThrow();
	return Number(count);
}
