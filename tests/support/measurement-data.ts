import Database from 'better-sqlite3';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';

/** Ids the ward would have on its device, read from the server's real SQLite file. */
export function wardContent(dataDir: string, wardName: string) {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { readonly: true, fileMustExist: true });
	try {
		const ward = db
			.prepare('select id, organisation_id from ward where name = ?')
			.get(wardName) as { id: string; organisation_id: string };
		const variant = db
			.prepare(
				`select b.id as briefingId, v.id as versionId, x.format, x.language
				 from briefing b join briefing_version v on v.briefing_id = b.id
				 join briefing_variant x on x.version_id = v.id
				 where b.slug = 'your-safety-on-our-ward' and v.status = 'published'
				   and x.format = 'leaflet' and x.language = 'en' and b.organisation_id = ?`
			)
			.get(ward.organisation_id) as {
			briefingId: string;
			versionId: string;
			format: string;
			language: string;
		};
		const group = db
			.prepare(
				`select id from patient_group where name like 'General adult%' and organisation_id = ?`
			)
			.get(ward.organisation_id) as { id: string };
		return { wardId: ward.id, patientGroupId: group.id, ...variant };
	} finally {
		db.close();
	}
}

export function countRows(dataDir: string, table: 'admission_count' | 'aim'): number {
	const db = new Database(join(dataDir, 'toolkit.sqlite'), { readonly: true, fileMustExist: true });
	try {
		return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
	} finally {
		db.close();
	}
}

/** A delivery record as the ward's device sends it in a sync batch. */
export function deliveryChange(content: ReturnType<typeof wardContent>, recordedAt: Date) {
	const id = uuidv7();
	return {
		id,
		kind: 'deliveryRecord',
		payload: {
			id,
			wardId: content.wardId,
			patientGroupId: content.patientGroupId,
			briefingId: content.briefingId,
			versionId: content.versionId,
			format: content.format,
			language: content.language,
			outcome: 'delivered',
			talkedThrough: true,
			interpreterUsed: false,
			carerPresent: false,
			teachBack: 'confirmed',
			recordedAt: recordedAt.toISOString()
		}
	};
}
