import { v7 as uuidv7 } from 'uuid';
import { numberOf, rowsOf } from './database';

/** Ids the ward would have on its device, read from the server's real database. */
export function wardContent(dataDir: string, wardName: string) {
	const [ward] = rowsOf<{ id: string; organisation_id: string }>(
		dataDir,
		'select id, organisation_id from ward where name = ?',
		wardName
	);
	if (!ward) throw new Error(`no ward named ${wardName}`);
	const [variant] = rowsOf<{
		briefingId: string;
		versionId: string;
		format: string;
		language: string;
	}>(
		dataDir,
		`select b.id as "briefingId", v.id as "versionId", x.format, x.language
		 from briefing b join briefing_version v on v.briefing_id = b.id
		 join briefing_variant x on x.version_id = v.id
		 where b.slug = 'your-safety-on-our-ward' and v.status = 'published'
		   and x.format = 'leaflet' and x.language = 'en' and b.organisation_id = ?`,
		ward.organisation_id
	);
	const [group] = rowsOf<{ id: string }>(
		dataDir,
		`select id from patient_group where name like 'General adult%' and organisation_id = ?`,
		ward.organisation_id
	);
	if (!variant || !group) throw new Error('the demo content is not there');
	return { wardId: ward.id, patientGroupId: group.id, ...variant };
}

export function countRows(dataDir: string, table: 'admission_count' | 'aim'): number {
	return numberOf(dataDir, `select count(*) as n from ${table}`);
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
