import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { toStaffAccount } from '../repositories/staff-accounts';
import { seedDemo } from '../seed/demo';
import { openTestDatabase } from './test-database';

/** For unit tests: a database with the demo organisation, and ways into it (see test-database.ts). */
export async function openDemoDatabase(now: Date) {
	const db = await openTestDatabase();
	await seedDemo(db, now);
	return {
		db,
		account: (email: string) => demoAccount(db, email),
		wardId: async (name: string) =>
			(await db.selectFrom('ward').select('id').where('name', '=', name).executeTakeFirstOrThrow())
				.id,
		firstGroupId: async () =>
			(
				await db
					.selectFrom('patient_group')
					.select('id')
					.orderBy('position')
					.executeTakeFirstOrThrow()
			).id
	};
}

async function demoAccount(db: Db, email: string): Promise<StaffAccount> {
	return toStaffAccount(
		await db
			.selectFrom('staff_account')
			.selectAll()
			.where('email', '=', email)
			.executeTakeFirstOrThrow()
	);
}
