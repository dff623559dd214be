import { expect } from 'vitest';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import type { StaffAccount } from '$lib/domain/staff';
import type { Db } from '../db/database';
import { createOrganisation } from '../repositories/organisations';
import { applyChanges } from '../sync/apply-changes';
import { insertLead, staffAccountByEmail } from './accounts';
import { openDemoDatabase } from './demo-database';
import { demoWardCatalogue, recordChange, wardRecord, type WardCatalogue } from './ward-records';

/** What a test of records held for the lead works with (hazard H8). */
export interface HeldRecordsDemo {
	db: Db;
	/** Ward 7's nurse, whose tablet sends the records. */
	nurse: StaffAccount;
	/** The demo organisation's engagement lead, who counts them or sets them aside. */
	lead: StaffAccount;
	/** Ward 7 and the demo's ward safety briefing, whose version is retired. */
	catalogue: WardCatalogue;
}

/**
 * The demo organisation, seeded a day before `now`, with its ward safety briefing's version
 * retired at `retiredAt`: a record given with it after then is held for the lead, not counted.
 */
export async function demoWithRetiredVersion(now: Date, retiredAt: Date): Promise<HeldRecordsDemo> {
	const demo = await openDemoDatabase(new Date(now.getTime() - 24 * 60 * 60_000));
	const [nurse, lead] = await Promise.all([
		demo.account('ward7@demo.example'),
		demo.account('lead@demo.example')
	]);
	const catalogue = await demoWardCatalogue(demo.db);
	await demo.db
		.updateTable('briefing_version')
		.set({ status: 'retired', retired_at: retiredAt.toISOString() })
		.where('id', '=', catalogue.versionId)
		.execute();
	return { db: demo.db, nurse, lead, catalogue };
}

/** The lead of another organisation (Northfield), who must see none of the demo's records. */
export async function otherOrganisationLead(db: Db, now: Date): Promise<StaffAccount> {
	const other = await createOrganisation(db, { name: 'Northfield', slug: 'northfield' });
	await insertLead(db, other.id, { email: 'lead@northfield.example', at: now });
	return staffAccountByEmail(db, 'lead@northfield.example');
}

/**
 * A record of the retired version given at `givenAt`, sent by the nurse's tablet (an app that
 * understands `held`) and received at `now`; expects it held, and resolves with it.
 */
export async function holdRecord(
	{ db, nurse, catalogue }: HeldRecordsDemo,
	givenAt: Date,
	now: Date,
	token = false
): Promise<DeliveryRecordInput> {
	const record = wardRecord(catalogue, givenAt, token);
	const [result] = await applyChanges(db, nurse, [recordChange(record)], now, {
		understandsHeld: true
	});
	expect(result?.status).toBe('held');
	return record;
}
