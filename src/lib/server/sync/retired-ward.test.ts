import { describe, expect, it } from 'vitest';
import { setWardRetired } from '../administration/wards';
import { openDemoDatabase } from '../test-support/demo-database';
import { demoWardCatalogue, recordChange, wardRecord } from '../test-support/ward-records';
import { applyChanges } from './apply-changes';

const now = new Date('2026-12-03T10:00:00Z');
const hour = 3_600_000;

describe('a retired ward', () => {
	it('keeps records made before it was retired and refuses those made after', async () => {
		const { db, account } = await openDemoDatabase(new Date(now.getTime() - 24 * hour));
		const [admin, nurse] = await Promise.all([
			account('admin@demo.example'),
			account('ward7@demo.example')
		]);
		const catalogue = await demoWardCatalogue(db);
		const retiredAt = new Date(now.getTime() - hour);
		await setWardRetired(db, admin, catalogue.wardId, true, retiredAt);

		const before = wardRecord(catalogue, new Date(retiredAt.getTime() - 60_000));
		const after = wardRecord(catalogue, new Date(retiredAt.getTime() + 60_000));
		const results = await applyChanges(db, nurse, [recordChange(before), recordChange(after)], now);
		expect(results).toEqual([
			{ id: before.id, status: 'accepted' },
			expect.objectContaining({ id: after.id, status: 'refused', reason: 'wardRetired' })
		]);
	});
});
