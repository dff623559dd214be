import { z } from 'zod';
import { PatientToken } from './delivery-record';
import { BriefingFormat } from './format';
import { Id, IsoDateTime } from './ids';
import { LanguageCode } from './language';

/*
 * The code a patient types when they cannot scan the QR code: 8 characters from an alphabet
 * with no look-alikes (no 0/O, 1/I/l), shown as 4 + 4 (`K7MX-R4PQ`). Typed in any case, with or
 * without the hyphen or a space; stored in capitals without either. The guessing odds are in
 * docs/architecture.md ("Typed patient codes").
 */

/** 8 digits and 23 capitals: 31 characters, none mistaken for another. */
export const PATIENT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PATIENT_CODE_LENGTH = 8;

/** What was typed, as stored: capitals, no separators; null when it cannot be a code. */
export function normalisePatientCode(typed: string): string | null {
	const code = typed.replace(/[\s-]/g, '').toUpperCase();
	if (code.length !== PATIENT_CODE_LENGTH) return null;
	for (const c of code) if (!PATIENT_CODE_ALPHABET.includes(c)) return null;
	return code;
}

/** As shown to people: two groups of four, easier to read out and type. */
export function formatPatientCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A stored code: the schema for an API body or a query parameter. */
export const PatientCode = z
	.string()
	.length(PATIENT_CODE_LENGTH)
	.refine((c) => normalisePatientCode(c) === c, 'notACode');
export type PatientCode = z.infer<typeof PatientCode>;

/** How long a patient's link and code keep working after the ward made them. */
export const PATIENT_LINK_DAYS = 30;

/** The ward asks for a code as it shows the QR code: what the code should open, and the token. */
export const PatientCodeRequest = z.strictObject({
	token: PatientToken,
	briefingId: Id,
	language: LanguageCode,
	format: BriefingFormat
});
export type PatientCodeRequest = z.infer<typeof PatientCodeRequest>;

export const PatientCodeResponse = z.strictObject({ code: PatientCode, expiresAt: IsoDateTime });
export type PatientCodeResponse = z.infer<typeof PatientCodeResponse>;
