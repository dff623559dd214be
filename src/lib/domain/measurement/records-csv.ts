import { toCsv } from './csv';

/*
 * The record-level CSV, for the organisation's lead only: one row per delivery record (undone
 * ones left out, as in every measure), with the record's fields as the product names them. It
 * never holds free text or anything about who the patient was: a delivery record holds neither.
 * An answer the nurse did not give is an empty cell ("not recorded"), never a default.
 */
export const RECORD_CSV_COLUMNS = [
	'organisation',
	'record_id',
	'ward',
	'patient_group',
	'briefing',
	'version',
	'format',
	'language',
	'outcome',
	'talked_through',
	'interpreter_used',
	'carer_present',
	'teach_back',
	'language_needed',
	'recorded_at',
	'received_at',
	'recorded_by'
] as const;

export interface RecordForCsv {
	id: string;
	wardName: string;
	patientGroupName: string;
	briefingSlug: string;
	versionNumber: number;
	format: string;
	language: string;
	outcome: string;
	talkedThrough: boolean | null;
	interpreterUsed: boolean | null;
	carerPresent: boolean | null;
	teachBack: string | null;
	/** The language the patient needed, when it differs from the one given. */
	languageNeeded: string | null;
	recordedAt: string;
	receivedAt: string;
	/** The staff account's id (not a name): who recorded it, for the audit trail. */
	recordedBy: string;
}

const flag = (v: boolean | null) => (v === null ? null : v ? 'true' : 'false');

/** The header line. */
export function recordsCsvHeader(): string {
	return toCsv([[...RECORD_CSV_COLUMNS]]);
}

/** Rows without the header or byte order mark, to follow `recordsCsvHeader` in a stream. */
export function recordsCsvRows(organisation: string, records: readonly RecordForCsv[]): string {
	if (records.length === 0) return '';
	return toCsv(
		records.map((r) => [
			organisation,
			r.id,
			r.wardName,
			r.patientGroupName,
			r.briefingSlug,
			r.versionNumber,
			r.format,
			r.language,
			r.outcome,
			flag(r.talkedThrough),
			flag(r.interpreterUsed),
			flag(r.carerPresent),
			r.teachBack,
			r.languageNeeded,
			r.recordedAt,
			r.receivedAt,
			r.recordedBy
		])
	).slice(1);
}
