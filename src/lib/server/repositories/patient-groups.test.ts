import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PatientGroupInput } from '$lib/domain/patient-group';
import type { Db } from '../db/database';
import { listAudit } from './audit';
import { createOrganisation } from './organisations';
import {
	createPatientGroup,
	getPatientGroup,
	listPatientGroups,
	setPatientGroupArchived,
	updatePatientGroup
} from './patient-groups';
import { createStaffAccount } from './staff-accounts';
import { openTestDatabase } from '../test-support/test-database';

let db: Db;
let orgId: string;

beforeEach(async () => {
	db = await openTestDatabase();
	orgId = (await createOrganisation(db, { name: 'Northfield' })).id;
});
afterEach(async () => {
	await db.destroy();
});

const group = (name: string, changes: Partial<PatientGroupInput> = {}): PatientGroupInput =>
	PatientGroupInput.parse({
		name,
		preferredFormats: ['leaflet', 'faceToFace'],
		usualLanguages: ['en', 'cy'],
		...changes
	});

async function archive(id: string) {
	await db.updateTable('patient_group').set({ archived: 1 }).where('id', '=', id).execute();
}

describe('patient groups', () => {
	it('lists groups as they were created, with everything that was stored', async () => {
		const created = await createPatientGroup(
			db,
			orgId,
			group('d/Deaf patients who use BSL', {
				description: 'BSL video with captions.',
				communicationNeeds: ['bsl', 'interpreter'],
				preferredFormats: ['video', 'easyRead'],
				usualLanguages: ['bfi', 'en']
			})
		);
		expect(created).toMatchObject({ organisationId: orgId, archived: false });
		expect(await listPatientGroups(db, orgId)).toEqual([created]);
	});

	it('orders groups by position, which follows the order they were added', async () => {
		for (const name of ['Zebra group', 'Alpha group', 'Middle group'])
			await createPatientGroup(db, orgId, group(name));
		expect((await listPatientGroups(db, orgId)).map((g) => g.name)).toEqual([
			'Zebra group',
			'Alpha group',
			'Middle group'
		]);
		const positions = await db
			.selectFrom('patient_group')
			.select(['name', 'position'])
			.orderBy('position')
			.execute();
		expect(positions.map((p) => p.position)).toEqual([1, 2, 3]);
	});

	it('orders by position even when positions were changed later', async () => {
		const a = await createPatientGroup(db, orgId, group('First'));
		await createPatientGroup(db, orgId, group('Second'));
		await db.updateTable('patient_group').set({ position: 10 }).where('id', '=', a.id).execute();
		expect((await listPatientGroups(db, orgId)).map((g) => g.name)).toEqual(['Second', 'First']);
	});

	it('leaves archived groups out unless asked for them', async () => {
		await createPatientGroup(db, orgId, group('Kept'));
		const old = await createPatientGroup(db, orgId, group('Archived'));
		await archive(old.id);
		expect((await listPatientGroups(db, orgId)).map((g) => g.name)).toEqual(['Kept']);
		const all = await listPatientGroups(db, orgId, { includeArchived: true });
		expect(all.map((g) => [g.name, g.archived])).toEqual([
			['Kept', false],
			['Archived', true]
		]);
	});

	it('keeps each organisation to its own groups and positions', async () => {
		const otherId = (await createOrganisation(db, { name: 'Southfield' })).id;
		await createPatientGroup(db, orgId, group('Ours'));
		await createPatientGroup(db, otherId, group('Theirs'));
		expect((await listPatientGroups(db, orgId)).map((g) => g.name)).toEqual(['Ours']);
		expect((await listPatientGroups(db, otherId)).map((g) => g.name)).toEqual(['Theirs']);
		const theirs = await db
			.selectFrom('patient_group')
			.select('position')
			.where('organisation_id', '=', otherId)
			.executeTakeFirstOrThrow();
		expect(theirs.position).toBe(1);
	});

	it('refuses a group for an organisation that does not exist', async () => {
		await expect(
			createPatientGroup(db, '00000000-0000-4000-8000-000000000000', group('Orphan'))
		).rejects.toThrow(/foreign key/i);
		expect(await listPatientGroups(db, orgId, { includeArchived: true })).toEqual([]);
	});
});

describe('editing a group: two leads at once', () => {
	async function twoLeads() {
		const lead = (name: string) =>
			createStaffAccount(db, {
				organisationId: orgId,
				email: `${name}@northfield.example`,
				displayName: name,
				role: 'engagementLead',
				password: 'a-long-enough-password'
			});
		return { first: await lead('First'), second: await lead('Second') };
	}

	it('saves an edit made from the current revision, and moves the revision on', async () => {
		const { first } = await twoLeads();
		const created = await createPatientGroup(db, orgId, group('Stroke unit'));
		const opened = await getPatientGroup(db, orgId, created.id);
		expect(opened?.revision).toBe(1);
		const renamed = group('Stroke unit patients');
		expect(await updatePatientGroup(db, first, created.id, renamed, 1)).toBe('saved');
		expect(await getPatientGroup(db, orgId, created.id)).toMatchObject({
			name: 'Stroke unit patients',
			revision: 2
		});
	});

	it('refuses the second save made from the same revision, and keeps the first', async () => {
		const { first, second } = await twoLeads();
		const created = await createPatientGroup(db, orgId, group('Stroke unit'));
		const both = (await getPatientGroup(db, orgId, created.id))?.revision ?? 0;
		expect(await updatePatientGroup(db, first, created.id, group('Saved by the first'), both)).toBe(
			'saved'
		);
		expect(
			await updatePatientGroup(
				db,
				second,
				created.id,
				group('Stroke unit', { description: 'Typed by the second' }),
				both
			)
		).toBe('stale');
		expect(await getPatientGroup(db, orgId, created.id)).toMatchObject({
			name: 'Saved by the first',
			description: '',
			revision: both + 1
		});
		const audit = await listAudit(db, orgId, { subjectId: created.id });
		expect(audit.map((a) => a.actorName)).toEqual(['First']);
	});

	it('refuses an edit made before the group was archived', async () => {
		const { first, second } = await twoLeads();
		const created = await createPatientGroup(db, orgId, group('Stroke unit'));
		expect(await setPatientGroupArchived(db, first, created.id, true)).toBe('saved');
		expect(await updatePatientGroup(db, second, created.id, group('Renamed'), 1)).toBe('stale');
		expect(await getPatientGroup(db, orgId, created.id)).toMatchObject({
			name: 'Stroke unit',
			archived: true,
			revision: 2
		});
	});
});
