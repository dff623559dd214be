import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '$lib/domain/measurement/csv';
import {
	RECORD_CSV_COLUMNS,
	recordsCsvHeader,
	recordsCsvRows
} from '$lib/domain/measurement/records-csv';
import type { Db } from '../db/database';
import { seedDemo } from '../seed/demo';
import { primaryOrganisation } from './organisations';
import { recordsForCsv } from './records-export';
import { openTestDatabase } from '../test-support/test-database';

let db: Db;
let organisationId: string;

beforeEach(async () => {
	db = await openTestDatabase();
	await seedDemo(db, new Date('2026-11-26T10:00:00Z'), { history: true });
	organisationId = (await primaryOrganisation(db))!.id;
}, 30_000);
afterEach(async () => {
	await db.destroy();
});

describe('the record-level CSV', () => {
	it('pages through every record not undone, once each, oldest first, with no free text', async () => {
		let text = recordsCsvHeader();
		const ids: string[] = [];
		for await (const batch of recordsForCsv(db, organisationId)) {
			ids.push(...batch.map((r) => r.id));
			text += recordsCsvRows('Demo', batch);
		}
		const expected = await db
			.selectFrom('delivery_record')
			.select(['id', 'recorded_at'])
			.where('organisation_id', '=', organisationId)
			.where('voided_at', 'is', null)
			.orderBy('recorded_at')
			.orderBy('id')
			.execute();
		expect(expected.length).toBeGreaterThan(1000);
		expect(ids).toEqual(expected.map((r) => r.id));
		const parsed = parseCsv(text);
		if (!parsed.ok) throw new Error('unreadable');
		expect(parsed.rows[0]).toEqual([...RECORD_CSV_COLUMNS]);
		expect(parsed.rows).toHaveLength(expected.length + 1);
		const row = Object.fromEntries(
			RECORD_CSV_COLUMNS.map((c, i) => [c, parsed.rows[1]?.[i]])
		) as Record<string, string>;
		expect(row.recorded_at).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(['true', 'false', '']).toContain(row.talked_through);
		expect(Number.isInteger(Number(row.version))).toBe(true);
	});
});
