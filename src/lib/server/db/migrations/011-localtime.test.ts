import { Migrator, sql, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../database';
import * as m001 from './001-initial';
import * as m002 from './002-delivery-sync';
import * as m003 from './003-retired-at-and-age-bands';
import * as m004 from './004-patient-feedback';
import * as m005 from './005-audit';
import * as m006 from './006-measurement';
import * as m007 from './007-content-governance';
import * as m008 from './008-patient-group-revision';
import * as m009 from './009-ward-measures';
import * as m010 from './010-record';

const before011: Record<string, Migration> = {
	'001-initial': m001,
	'002-delivery-sync': m002,
	'003-retired-at-and-age-bands': m003,
	'004-patient-feedback': m004,
	'005-audit': m005,
	'006-measurement': m006,
	'007-content-governance': m007,
	'008-patient-group-revision': m008,
	'009-ward-measures': m009,
	'010-record': m010
};

describe('migration 011: local time', () => {
	it("fills in each stored record's London day, and the day counts are of London days", async () => {
		const db = openDatabase(':memory:');
		await new Migrator({
			db,
			provider: { getMigrations: async () => before011 }
		}).migrateToLatest();
		await sql`insert into organisation (id, name, contact, created_at)
			values ('o', 'Northfield', '', '2026-01-01T00:00:00Z')`.execute(db);
		// Only the columns the records' days need: foreign keys are off for this fixture.
		await sql`pragma foreign_keys = off`.execute(db);
		const instants = ['2026-03-29T23:30:00.000Z', '2026-01-12T00:30:00.000Z'];
		for (const [i, at] of instants.entries()) {
			await sql`insert into delivery_record (id, organisation_id, ward_id, patient_group_id,
				briefing_id, version_id, format, language, outcome, talked_through, interpreter_used,
				carer_present, teach_back, recorded_at, received_at, recorded_by)
				values (${`d${i}`}, 'o', 'w', 'g', 'b', 'v', 'leaflet', 'en', 'delivered', 1, 0, 0,
				'confirmed', ${at}, ${at}, 's')`.execute(db);
			await sql`insert into feedback (id, organisation_id, briefing_id, language, received_at)
				values (${`f${i}`}, 'o', 'b', 'en', ${at})`.execute(db);
		}
		await sql`insert into measure_day_count values ('o', '2026-03-29', 'g', 'leaflet', 1, 1, 1, 1, 1, 1)`.execute(
			db
		);

		expect(await migrate(db)).toEqual([
			'011-localtime',
			'014-fhir',
			'015-organisations',
			'016-tenancy',
			'017-sign-in-organisation',
			'018-sso-client-auth',
			'019-day-counts-on-write',
			'023-rate-limit-windows',
			'024-pending-pack-imports',
			'027-no-jit',
			'033-retention',
			'034-library',
			'035-library-lessons',
			'036-regional',
			'037-patient-links',
			'039-translation-sources',
			'040-poster-codes',
			'041-return-snapshots',
			'042-mail',
			'043-regional-imports',
			'044-aim-closing',
			'045-feedback-submission',
			'046-held-records',
			'047-withdrawn-not-returned'
		]);

		const records = await db
			.selectFrom('delivery_record')
			.select(['id', 'recorded_day'])
			.orderBy('id')
			.execute();
		expect(records).toEqual([
			{ id: 'd0', recorded_day: '2026-03-30' },
			{ id: 'd1', recorded_day: '2026-01-12' }
		]);
		const feedback = await db
			.selectFrom('feedback')
			.select(['id', 'received_day'])
			.orderBy('id')
			.execute();
		expect(feedback).toEqual([
			{ id: 'f0', received_day: '2026-03-30' },
			{ id: 'f1', received_day: '2026-01-12' }
		]);
		expect(await db.selectFrom('organisation').select('time_zone').execute()).toEqual([
			{ time_zone: 'Europe/London' }
		]);
		// The UTC day's count is gone; 019 counted the records again on their London days.
		const counts = await db
			.selectFrom('measure_day_count')
			.select(['day', 'total', 'given'])
			.orderBy('day')
			.execute();
		expect(counts).toEqual([
			{ day: '2026-01-12', total: 1, given: 1 },
			{ day: '2026-03-30', total: 1, given: 1 }
		]);
		await db.destroy();
	});
});
