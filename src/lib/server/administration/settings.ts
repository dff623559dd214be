import type { SettingsForm } from '$lib/domain/administration';
import { inTransaction, type Db } from '../db/database';
import { recordAudit } from '../repositories/audit';
import { defaultLanguagesOf, setOrganisationTimeZone } from '../repositories/organisations';
import type { Admin } from './staff';

/** What an organisation's own admin may change; its name and ODS code are the platform's. */
export async function getSettings(
	db: Db,
	organisationId: string
): Promise<SettingsForm & { name: string }> {
	const row = await db
		.selectFrom('organisation')
		.select(['name', 'contact', 'default_languages', 'time_zone'])
		.where('id', '=', organisationId)
		.executeTakeFirstOrThrow();
	return {
		name: row.name,
		contact: row.contact,
		defaultLanguages: defaultLanguagesOf(row.default_languages),
		timeZone: row.time_zone
	};
}

/**
 * Saves the settings with their audit row. A new time zone re-dates the organisation's records
 * in the same transaction (setOrganisationTimeZone), so no chart mixes the days of two zones.
 */
export async function saveSettings(db: Db, admin: Admin, input: SettingsForm, now = new Date()) {
	return inTransaction(db, async (trx) => {
		const { name: _name, ...before } = await getSettings(trx, admin.organisationId);
		void _name;
		await trx
			.updateTable('organisation')
			.set({ contact: input.contact, default_languages: JSON.stringify(input.defaultLanguages) })
			.where('id', '=', admin.organisationId)
			.execute();
		if (input.timeZone !== before.timeZone)
			await setOrganisationTimeZone(trx, admin.organisationId, input.timeZone);
		const changed = await auditOrganisationChange(
			trx,
			admin,
			'organisation.settingsChanged',
			before,
			input,
			now
		);
		return changed;
	});
}

/**
 * The audit row of a change to the organisation's own settings, naming each field that changed
 * with its value before and after; nothing when nothing changed. Answers the fields changed.
 */
export async function auditOrganisationChange<T extends Record<string, unknown>>(
	trx: Db,
	admin: Admin,
	action: 'organisation.settingsChanged' | 'organisation.retentionChanged',
	before: T,
	after: T,
	now: Date
): Promise<(keyof T & string)[]> {
	const changed = (Object.keys(after) as (keyof T & string)[]).filter(
		(k) => JSON.stringify(after[k]) !== JSON.stringify(before[k])
	);
	if (changed.length)
		await recordAudit(
			trx,
			{
				organisationId: admin.organisationId,
				actorId: admin.id,
				action,
				subjectType: 'organisation',
				subjectId: admin.organisationId,
				detail: {
					before: Object.fromEntries(changed.map((k) => [k, before[k]])),
					after: Object.fromEntries(changed.map((k) => [k, after[k]]))
				}
			},
			now
		);
	return changed;
}
