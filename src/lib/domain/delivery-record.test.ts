import { describe, expect, it } from 'vitest';
import { DeliveryCorrectionForm, DeliveryRecord, DeliveryRecordInput } from './delivery-record';
import { UuidV7 } from './ids';

// Version nibble 7 (third group "7cde"), RFC 9562 variant bits 10 (fourth group "8f01").
const v7 = '01936f3e-7a4b-7cde-8f01-23456789abcd';

const input: DeliveryRecordInput = {
	id: v7,
	wardId: '0b3a6a52-8c1e-4f2d-9a37-5e6f7a8b9c0d',
	patientGroupId: '1c4b7b63-9d2f-4a3e-8b48-6f7a8b9c0d1e',
	briefingId: '2d5c8c74-ae3a-4b4f-9c59-7a8b9c0d1e2f',
	versionId: '3e6d9d85-bf4b-4c5a-ad6a-8b9c0d1e2f3a',
	format: 'faceToFace',
	language: 'cy',
	outcome: 'delivered',
	talkedThrough: true,
	interpreterUsed: false,
	carerPresent: true,
	teachBack: 'confirmed',
	recordedAt: '2026-03-10T14:05:00+00:00'
};

/** What the schema says is wrong with a changed record: each issue's code and path. */
function issues(changes: Record<string, unknown>) {
	const result = DeliveryRecordInput.safeParse({ ...input, ...changes });
	return result.success
		? []
		: result.error.issues.map((i) => ({ code: i.code, path: i.path.join('.') }));
}

describe('DeliveryRecordInput', () => {
	it('has a sample id that is a UUID v7', () => {
		expect(UuidV7.safeParse(v7).success).toBe(true);
	});

	it('accepts a valid record', () => {
		expect(DeliveryRecordInput.parse(input)).toEqual(input);
	});

	it('accepts a UTC time written with Z and any offset', () => {
		expect(issues({ recordedAt: '2026-03-10T14:05:00Z' })).toEqual([]);
		expect(issues({ recordedAt: '2026-07-10T15:05:00.123+01:00' })).toEqual([]);
	});

	it.each(['patientName', 'nhsNumber', 'dateOfBirth', 'address', 'notes'])(
		'refuses the patient identifier %s as an unknown key',
		(key) => {
			const result = DeliveryRecordInput.safeParse({ ...input, [key]: 'anything' });
			expect(result.success).toBe(false);
			expect(result.error?.issues).toEqual([
				expect.objectContaining({ code: 'unrecognized_keys', keys: [key] })
			]);
		}
	);

	it('refuses the stored-record fields from a device', () => {
		const result = DeliveryRecordInput.safeParse({
			...input,
			recordedBy: '4f7eae96-c05c-4d6b-be7b-9c0d1e2f3a4b'
		});
		expect(result.error?.issues[0]).toMatchObject({
			code: 'unrecognized_keys',
			keys: ['recordedBy']
		});
	});

	it('refuses an id that is not a UUID v7', () => {
		expect(issues({ id: '0b3a6a52-8c1e-4f2d-9a37-5e6f7a8b9c0d' })).toEqual([
			{ code: 'invalid_format', path: 'id' }
		]);
		// v7 digit, but not the RFC variant.
		expect(issues({ id: '01936f3e-7a4b-7cde-cf01-23456789abcd' })).toEqual([
			{ code: 'invalid_format', path: 'id' }
		]);
		expect(issues({ id: 'not-a-uuid' })).toEqual([{ code: 'invalid_format', path: 'id' }]);
	});

	it('refuses an outcome it does not know', () => {
		expect(issues({ outcome: 'refused' })).toEqual([{ code: 'invalid_value', path: 'outcome' }]);
	});

	it('refuses a teach-back result it does not know', () => {
		expect(issues({ teachBack: 'yes' })).toEqual([{ code: 'invalid_value', path: 'teachBack' }]);
	});

	it('refuses a recorded time without an offset', () => {
		expect(issues({ recordedAt: '2026-03-10T14:05:00' })).toEqual([
			{ code: 'invalid_format', path: 'recordedAt' }
		]);
		expect(issues({ recordedAt: '2026-03-10' })).toEqual([
			{ code: 'invalid_format', path: 'recordedAt' }
		]);
	});

	it('refuses a language not in the list', () => {
		expect(issues({ language: 'fr' })).toEqual([{ code: 'invalid_value', path: 'language' }]);
		expect(issues({ language: 'EN' })).toEqual([{ code: 'invalid_value', path: 'language' }]);
	});

	it('refuses a missing field, naming it', () => {
		const partial: Partial<DeliveryRecordInput> = { ...input };
		delete partial.carerPresent;
		const result = DeliveryRecordInput.safeParse(partial);
		expect(result.error?.issues.map((i) => i.path)).toEqual([['carerPresent']]);
	});
});

describe('DeliveryRecordInput: only what was said', () => {
	it('accepts every question but the outcome left unanswered, as null (not recorded)', () => {
		const unanswered = {
			...input,
			talkedThrough: null,
			interpreterUsed: null,
			carerPresent: null,
			teachBack: null
		};
		expect(DeliveryRecordInput.parse(unanswered)).toEqual(unanswered);
	});

	it('still needs the outcome', () => {
		expect(issues({ outcome: null })).toEqual([{ code: 'invalid_value', path: 'outcome' }]);
	});

	it('keeps the language the patient needed when it differs from the one given', () => {
		expect(DeliveryRecordInput.parse({ ...input, languageNeeded: 'pl' }).languageNeeded).toBe('pl');
		expect(issues({ languageNeeded: null })).toEqual([]);
	});

	it('refuses a language needed that is the one given, or not a language', () => {
		expect(issues({ languageNeeded: 'cy' })).toEqual([{ code: 'custom', path: 'languageNeeded' }]);
		expect(issues({ languageNeeded: 'xx' })).toEqual([
			{ code: 'invalid_value', path: 'languageNeeded' }
		]);
	});
});

describe('DeliveryCorrectionForm', () => {
	it('reads a question with no radio chosen as not recorded', () => {
		expect(DeliveryCorrectionForm.parse({ outcome: 'partly', talkedThrough: 'yes' })).toEqual({
			outcome: 'partly',
			talkedThrough: true,
			interpreterUsed: null,
			carerPresent: null,
			teachBack: null,
			languageNeeded: null
		});
	});

	it('reads "notRecorded" as not recorded, and the language needed, naming a field at fault', () => {
		expect(
			DeliveryCorrectionForm.parse({
				outcome: 'delivered',
				talkedThrough: 'notRecorded',
				interpreterUsed: 'no',
				carerPresent: 'notRecorded',
				teachBack: 'notRecorded',
				languageNeeded: 'ur'
			})
		).toEqual({
			outcome: 'delivered',
			talkedThrough: null,
			interpreterUsed: false,
			carerPresent: null,
			teachBack: null,
			languageNeeded: 'ur'
		});
		expect(
			DeliveryCorrectionForm.parse({ outcome: 'delivered', languageNeeded: '' }).languageNeeded
		).toBeNull();
		const fields = (form: Record<string, string>) =>
			DeliveryCorrectionForm.safeParse({ outcome: 'delivered', ...form }).error?.issues.map((i) =>
				i.path.join('.')
			);
		expect(fields({ languageNeeded: 'xx' })).toEqual(['languageNeeded']);
		expect(fields({ teachBack: 'maybe' })).toEqual(['teachBack']);
		expect(fields({ talkedThrough: 'notrecorded' })).toEqual(['talkedThrough']);
	});
});

describe('DeliveryRecord', () => {
	it('is the input plus what the server adds', () => {
		const stored = {
			...input,
			organisationId: '5a8fbfa7-d16d-4e7c-8f8c-0d1e2f3a4b5c',
			receivedAt: '2026-03-10T14:06:00Z',
			recordedBy: '4f7eae96-c05c-4d6b-be7b-9c0d1e2f3a4b'
		};
		expect(DeliveryRecord.parse(stored)).toEqual(stored);
		expect(DeliveryRecord.safeParse(input).success).toBe(false);
	});
});
