import type { UiLanguage } from '$lib/domain/language';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';

/*
 * A signed-in person's own choices (042): their staff interface language (their pages and
 * their email use it) and which email they get. Only they change them, on /account or, for the
 * language, with the language switcher.
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

/** Stores the language a signed-in person chose (null: none, their browser's decides). */
export async function setInterfaceLanguage(
	db: Db,
	user: StaffAccount,
	language: UiLanguage | null
): Promise<void> {
	await db
		.updateTable('staff_account')
		.set({ interface_language: language })
		.where('organisation_id', '=', user.organisationId)
		.where('id', '=', user.id)
		.execute();
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
