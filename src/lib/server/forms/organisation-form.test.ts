import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrganisationSettings } from '$lib/domain/platform';
import type { Db } from '../db/database';
import { createOrganisation } from '../repositories/organisations';
import { parseOrganisationForm, savingUniqueFields } from './organisation-form';
import { openTestDatabase } from '../test-support/test-database';

let db: Db;
beforeEach(async () => {
	db = await openTestDatabase();
	await createOrganisation(db, { name: 'Northfield', slug: 'northfield' });
});
afterEach(async () => {
	await db.destroy();
});

const form = (fields: Record<string, string | string[]>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields))
		for (const v of [value].flat()) data.append(key, v);
	return data;
};

describe('the organisation form on the server', () => {
	it('names a taken address, echoing what was typed, ticked languages as a list', async () => {
		const result = await parseOrganisationForm(
			db,
			OrganisationSettings,
			form({ name: 'Another', slug: 'northfield', defaultLanguages: ['en', 'cy'] })
		);
		expect(result).toMatchObject({
			ok: false,
			errors: [{ field: 'slug', message: 'platform.errors.slugTaken' }],
			values: { name: 'Another', slug: 'northfield', defaultLanguages: ['en', 'cy'] }
		});
	});

	it('answers a field error when another save took the address between check and write', async () => {
		const raced = await savingUniqueFields(
			db,
			{ odsCode: null, slug: 'northfield' },
			undefined,
			() => createOrganisation(db, { name: 'Raced', slug: 'northfield' })
		);
		expect(raced).toEqual({
			ok: false,
			errors: [{ field: 'slug', message: 'platform.errors.slugTaken' }]
		});
		await expect(
			savingUniqueFields(db, { odsCode: null, slug: null }, undefined, () =>
				Promise.reject(new Error('disk full'))
			)
		).rejects.toThrow('disk full');
	});
});
