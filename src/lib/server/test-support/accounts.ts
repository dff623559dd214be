import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { toStaffAccount } from '../repositories/staff-accounts';

/** For tests: a seeded person's staff account, by their email (the demo's, say). */
export async function staffAccountByEmail(db: Db, email: string): Promise<StaffAccount> {
	return toStaffAccount(
		await db
			.selectFrom('staff_account')
			.selectAll()
			.where('email', '=', email)
			.executeTakeFirstOrThrow()
	);
}

/**
 * For tests that need a lead to own something, not to sign in: a row, not createStaffAccount
 * (no password hash to make). Resolves with the lead's id.
 */
export async function insertLead(
	db: Db,
	organisationId: string,
	options: { email?: string; at?: Date } = {}
): Promise<string> {
	const id = '4f7eae96-c05c-4d6b-be7b-9c0d1e2f3a4b';
	await db
		.insertInto('staff_account')
		.values({
			id,
			organisation_id: organisationId,
			email: options.email ?? 'lead@trust.example',
			display_name: 'Leila Lead',
			role: 'engagementLead',
			ward_id: null,
			password_hash: 'unused',
			disabled: 0,
			created_at: (options.at ?? new Date()).toISOString()
		})
		.execute();
	return id;
}
