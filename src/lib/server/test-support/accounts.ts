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
