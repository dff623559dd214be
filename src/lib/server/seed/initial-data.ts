import type { Config } from '../config';
import type { Db } from '../db/database';
import { createOrganisation, primaryOrganisation } from '../repositories/organisations';
import { createStaffAccount } from '../repositories/staff-accounts';
import { ensurePlatformAdmin } from '../platform/accounts';
import { seedDemo } from './demo';

/**
 * First start: with SEED_DEMO (the default) the demo organisation and its accounts; without
 * it, an empty organisation and its admin from ADMIN_EMAIL / ADMIN_PASSWORD. Later starts
 * change nothing, but for adding the platform admin of PLATFORM_ADMIN_EMAIL if not there yet.
 */
export async function ensureInitialData(
	db: Db,
	config: Config,
	log: (line: string) => void
): Promise<void> {
	await ensureOrganisation(db, config, log);
	if (config.platformAdmin && (await ensurePlatformAdmin(db, config.platformAdmin)))
		log(`Created the platform admin ${config.platformAdmin.email}.`);
}

async function ensureOrganisation(
	db: Db,
	config: Config,
	log: (line: string) => void
): Promise<void> {
	if (await primaryOrganisation(db)) return;
	if (config.seedDemo) {
		const accounts = await seedDemo(db, new Date(), { history: config.seedDemoHistory });
		log('Seeded the demo organisation. Demo sign-in details (demo data only):');
		for (const a of accounts) log(`  ${a.role.padEnd(17)} ${a.email.padEnd(24)} ${a.password}`);
		return;
	}
	if (!config.admin) {
		throw new Error(
			'No organisation yet and SEED_DEMO=false: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin.'
		);
	}
	const admin = config.admin;
	await db.transaction().execute(async (trx) => {
		const org = await createOrganisation(trx, { name: config.organisationName });
		await createStaffAccount(trx, {
			organisationId: org.id,
			email: admin.email,
			displayName: 'Administrator',
			role: 'admin',
			password: admin.password
		});
	});
	log(`Created ${config.organisationName} and its admin ${admin.email}.`);
}
