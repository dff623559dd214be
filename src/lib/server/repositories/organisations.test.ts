import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import {
	createOrganisation,
	createWard,
	getOrganisation,
	getWard,
	listWards,
	primaryOrganisation
} from './organisations';
import { openTestDatabase } from '../test-support/test-database';

let db: Db;

beforeEach(async () => {
	db = await openTestDatabase();
});
afterEach(async () => {
	await db.destroy();
});

describe('organisations', () => {
	it('has no primary organisation in an empty database', async () => {
		expect(await primaryOrganisation(db)).toBeNull();
	});

	it('takes the earliest-created organisation as the primary one', async () => {
		const first = await createOrganisation(db, { name: 'Northfield', contact: 'PALS' });
		const second = await createOrganisation(db, { name: 'Southfield' });
		// Fixed times: two organisations made in the same millisecond would tie.
		const createdAt = (id: string, at: string) =>
			db.updateTable('organisation').set({ created_at: at }).where('id', '=', id).execute();
		await createdAt(first.id, '2026-01-01T00:00:00.000Z');
		await createdAt(second.id, '2026-01-01T00:00:00.001Z');
		expect(await primaryOrganisation(db)).toEqual(first);
		expect(first.contact).toBe('PALS');

		await createdAt(second.id, '2025-12-31T23:59:59.999Z');
		expect(await primaryOrganisation(db)).toEqual(second);
	});

	it('finds an organisation by id, or null', async () => {
		const org = await createOrganisation(db, { name: 'Northfield' });
		expect(await getOrganisation(db, org.id)).toEqual({ ...org, contact: '' });
		expect(await getOrganisation(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
	});
});

describe('wards', () => {
	it("lists an organisation's wards by name", async () => {
		const org = await createOrganisation(db, { name: 'Northfield' });
		const other = await createOrganisation(db, { name: 'Southfield' });
		for (const name of ['Ward 7', 'Elm Ward', 'Rainbow Ward'])
			await createWard(db, { organisationId: org.id, name });
		await createWard(db, { organisationId: other.id, name: 'Ash Ward' });
		expect((await listWards(db, org.id)).map((w) => w.name)).toEqual([
			'Elm Ward',
			'Rainbow Ward',
			'Ward 7'
		]);
	});

	it('finds a ward only within its own organisation', async () => {
		const org = await createOrganisation(db, { name: 'Northfield' });
		const other = await createOrganisation(db, { name: 'Southfield' });
		const ward = await createWard(db, {
			organisationId: org.id,
			name: 'Ward 7',
			specialty: 'Acute'
		});
		expect(await getWard(db, org.id, ward.id)).toEqual(ward);
		expect(await getWard(db, other.id, ward.id)).toBeNull();
	});

	it('refuses two wards of the same name in one organisation', async () => {
		const org = await createOrganisation(db, { name: 'Northfield' });
		await createWard(db, { organisationId: org.id, name: 'Ward 7' });
		await expect(createWard(db, { organisationId: org.id, name: 'Ward 7' })).rejects.toThrow(
			/UNIQUE|unique constraint/
		);
	});
});
