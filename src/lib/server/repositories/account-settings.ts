import type { UiLanguage } from '$lib/domain/language';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';

/*
 * A signed-in person's own choices (042): their staff interface language (their email, and
 * their pages on any device that has no choice of its own) and which email they get. Only they
 * change them, on /account. The language switcher stays a device's choice (a cookie): a click
 * on a shared ward tablet does not change what language someone's email comes in.
 */

export interface AccountSettings {
	interfaceLanguage: UiLanguage | null;
	mailSteps: boolean;
	mailDigest: boolean;
}

export async function accountSettings(db: Db, user: StaffAccount): Promise<AccountSettings> {
	const row = await db
		.selectFrom('staff_account')
		.select(['mail_steps', 'mail_digest'])
		.where('organisation_id', '=', user.organisationId)
		.where('id', '=', user.id)
		.executeTakeFirstOrThrow();
	return {
		interfaceLanguage: user.interfaceLanguage ?? null,
		mailSteps: row.mail_steps === 1,
		mailDigest: row.mail_digest === 1
	};
}

export async function saveAccountSettings(
	db: Db,
	user: StaffAccount,
	settings: AccountSettings
): Promise<void> {
	await db
		.updateTable('staff_account')
		.set({
			interface_language: settings.interfaceLanguage,
			mail_steps: settings.mailSteps ? 1 : 0,
			mail_digest: settings.mailDigest ? 1 : 0
		})
		.where('organisation_id', '=', user.organisationId)
		.where('id', '=', user.id)
		.execute();
}
