import { describe, expect, it } from 'vitest';
import { openDemoDatabase } from '../test-support/demo-database';
import { readCatalogue } from '../sync/catalogue';
import { addWard, editWard, listWardRows, setWardRetired } from './wards';
import { getSettings, saveSettings } from './settings';
import { auditPage } from './audit-log';
import { listWards } from '../repositories/organisations';

const now = new Date('2026-12-03T10:00:00Z');

describe('wards', () => {
	it('adds, renames and retires a ward; codes are unique in the organisation', async () => {
		const { db, account } = await openDemoDatabase(now);
		const admin = await account('admin@demo.example');
		const added = await addWard(
			db,
			admin,
			{ name: 'Ward 99', specialty: 'Stroke', code: 'W99', site: 'General' },
			now
		);
		if (!added.ok) throw new Error('not added');
		expect(
			await addWard(db, admin, { name: 'Ward 98', specialty: '', code: 'W99', site: '' }, now)
		).toMatchObject({ ok: false, field: 'code', message: 'administration.errors.codeTaken' });
		expect(
			await addWard(db, admin, { name: 'ward 99', specialty: '', code: null, site: '' }, now)
		).toMatchObject({ ok: false, field: 'name' });
		await editWard(
			db,
			admin,
			added.id,
			{ name: 'Ward 99 (Stroke)', specialty: 'Stroke', code: 'W99', site: 'General' },
			now
		);
		expect(await setWardRetired(db, admin, added.id, true, now)).toBe(true);
		const row = (await listWardRows(db, admin.organisationId)).find((w) => w.id === added.id);
		expect(row).toMatchObject({
			name: 'Ward 99 (Stroke)',
			code: 'W99',
			retiredAt: now.toISOString()
		});
		// Not offered for anything new (an aim, admissions); still named where it is used.
		const names = async (which?: 'active') =>
			(await listWards(db, admin.organisationId, which)).map((w) => w.name);
		expect(await names()).toContain('Ward 99 (Stroke)');
		expect(await names('active')).not.toContain('Ward 99 (Stroke)');
		expect(await names('active')).toEqual((await names()).filter((n) => n !== 'Ward 99 (Stroke)'));
		// The sync apply knows when it was retired (records made before still count).
		expect((await readCatalogue(db, admin.organisationId)).wards.get(added.id)).toBe(
			now.toISOString()
		);
		const page = await auditPage(db, admin.organisationId, 1);
		expect(
			page.lines
				.filter((l) => l.subjectName?.name === 'Ward 99 (Stroke)')
				.map((l) => l.action)
				.sort()
		).toEqual(['ward.added', 'ward.edited', 'ward.retired']);
		const edited = page.lines.find((l) => l.action === 'ward.edited');
		expect(edited?.detail).toMatchObject({
			before: { name: 'Ward 99' },
			after: { name: 'Ward 99 (Stroke)' }
		});
	});
});

describe('settings', () => {
	it('saves contact, languages and time zone with before and after', async () => {
		const { db, account } = await openDemoDatabase(now);
		const admin = await account('admin@demo.example');
		const changed = await saveSettings(
			db,
			admin,
			{ contact: 'Call 01234 567890', defaultLanguages: ['en', 'pl'], timeZone: 'Europe/Dublin' },
			// A minute after the seed, whose last audit entry (the library share) is at `now`.
			new Date(now.getTime() + 60_000)
		);
		expect(changed.sort()).toEqual(['contact', 'defaultLanguages', 'timeZone']);
		expect(await getSettings(db, admin.organisationId)).toMatchObject({
			contact: 'Call 01234 567890',
			defaultLanguages: ['en', 'pl'],
			timeZone: 'Europe/Dublin'
		});
		const { lines } = await auditPage(db, admin.organisationId, 1);
		expect(lines[0]?.detail).toMatchObject({ after: { timeZone: 'Europe/Dublin' } });
	});
});
