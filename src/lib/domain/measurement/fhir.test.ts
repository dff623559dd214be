import { describe, expect, it } from 'vitest';
import { fhirR4Problems } from '../../../../tests/support/fhir-r4-schema';
import { FhirCommunicationBundle, toFhirBundle, type DeliveryForExport } from './fhir';

const delivery = (over: Partial<DeliveryForExport> = {}): DeliveryForExport => ({
	id: '019abcde-0000-7000-8000-000000000001',
	recordedAt: '2026-11-24T10:15:00.000Z',
	outcome: 'delivered',
	format: 'easyRead',
	language: 'en',
	patientGroupId: '11111111-1111-4111-8111-111111111111',
	patientGroupName: 'People with a learning disability',
	briefingSlug: 'your-safety-on-our-ward',
	briefingTopic: 'Your safety on our ward',
	versionId: '22222222-2222-4222-8222-222222222222',
	versionNumber: 1,
	wardName: 'Ward 7',
	...over
});

describe('FHIR R4 export', () => {
	const bundle = toFhirBundle(
		[
			delivery(),
			delivery({
				id: '019abcde-0000-7000-8000-000000000002',
				format: 'video',
				outcome: 'declined',
				language: 'ar'
			})
		],
		'https://toolkit.example',
		new Date('2026-11-26T09:00:00Z')
	);

	it('is a collection Bundle of one Communication per delivery, valid against the schema', () => {
		expect(FhirCommunicationBundle.safeParse(bundle).success).toBe(true);
		expect(bundle.type).toBe('collection');
		expect(bundle.entry).toHaveLength(2);
		const [first, second] = bundle.entry.map((e) => e.resource);
		expect(first).toMatchObject({
			status: 'completed',
			sent: '2026-11-24T10:15:00.000Z',
			language: 'en'
		});
		expect(first?.payload[0]?.contentAttachment.url).toBe(
			'https://toolkit.example/b/your-safety-on-our-ward?lang=en&format=easyRead'
		);
		expect(first?.medium[0]?.coding?.map((c) => c.code)).toEqual(['WRITTEN', 'easyRead']);
		expect(first?.extension?.[0]?.valueCoding.display).toBe('People with a learning disability');
		expect(second).toMatchObject({ status: 'not-done', language: 'ar' });
	});

	it('is valid against HL7’s FHIR R4 JSON schema, which would catch a wrong shape', () => {
		expect(fhirR4Problems(bundle)).toEqual([]);
		const resource = bundle.entry[0]?.resource;
		const wrong = (change: object) =>
			fhirR4Problems({
				...bundle,
				entry: [{ fullUrl: 'urn:uuid:x', resource: { ...resource, ...change } }]
			});
		expect(wrong({ status: ['completed'] })).toContainEqual(expect.stringContaining('/status'));
		expect(wrong({ patient: 'x' })).toContainEqual(expect.stringContaining('additional'));
		expect(wrong({ sent: '24/11/2026' })).toContainEqual(expect.stringContaining('/sent'));
		expect(wrong({ medium: 'video' })).toContainEqual(expect.stringContaining('/medium'));
	});

	it('never refers to a patient', () => {
		const text = JSON.stringify(bundle);
		for (const key of ['subject', 'recipient', 'Patient/', 'encounter'])
			expect(text).not.toContain(key);
	});

	it('refuses what the spec does not allow', () => {
		const resource = bundle.entry[0]?.resource;
		const bad = (change: object) =>
			FhirCommunicationBundle.safeParse({
				...bundle,
				entry: [{ fullUrl: 'urn:uuid:x', resource: { ...resource, ...change } }]
			}).success;
		expect(bad({ status: 'done' })).toBe(false);
		expect(bad({ sent: '24/11/2026' })).toBe(false);
		expect(bad({ subject: { reference: 'Patient/1' } })).toBe(false);
		expect(bad({ id: 'has spaces' })).toBe(false);
	});
});
