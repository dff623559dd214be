import { describe, expect, it } from 'vitest';
import {
	formatPatientCode,
	normalisePatientCode,
	PATIENT_CODE_ALPHABET,
	PatientCode
} from './patient-code';

describe('patient codes', () => {
	it('has no look-alikes in its alphabet', () => {
		for (const c of '01OIL') expect(PATIENT_CODE_ALPHABET).not.toContain(c);
		expect(new Set(PATIENT_CODE_ALPHABET).size).toBe(31);
	});

	it('reads a code typed in any case, with or without hyphen or space', () => {
		for (const typed of ['K7MX-R4PQ', 'k7mxr4pq', 'k7mx r4pq', ' K7MX - R4PQ '])
			expect(normalisePatientCode(typed)).toBe('K7MXR4PQ');
	});

	it('refuses what cannot be a code', () => {
		for (const typed of ['', 'K7MX-R4P', 'K7MX-R4PQZ', 'K7MX-R4P0', 'K7MX-R4PI', 'K7MX_R4PQ'])
			expect(normalisePatientCode(typed)).toBeNull();
	});

	it('shows a code as two groups of four', () => {
		expect(formatPatientCode('K7MXR4PQ')).toBe('K7MX-R4PQ');
	});

	it('accepts only a stored code in the schema', () => {
		expect(PatientCode.safeParse('K7MXR4PQ').success).toBe(true);
		expect(PatientCode.safeParse('k7mxr4pq').success).toBe(false);
		expect(PatientCode.safeParse('K7MX-R4PQ').success).toBe(false);
	});
});
