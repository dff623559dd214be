import { describe, expect, it } from 'vitest';
import { fhirR4Problems } from '../../../../tests/support/fhir-r4';
import {
	FhirExportRange,
	ODS_ORGANISATION_CODE,
	fhirBundleChunks,
	toFhirBundle,
	wardExtensionUrl,
	type DeliveryForExport,
	type FhirExportContext
} from './fhir';

const ward7 = '33333333-3333-4333-8333-333333333333';
const group = '11111111-1111-4111-8111-111111111111';
const organisation = '44444444-4444-4444-8444-444444444444';

const ctx = (over: Partial<FhirExportContext> = {}): FhirExportContext => ({
	origin: 'https://toolkit.example',
	canonicalBase: 'https://fhir.trust.nhs.uk/toolkit',
	organisation: { id: organisation, name: 'Northfield Hospitals', odsCode: 'RXX' },
	wards: [{ id: ward7, name: 'Ward 7' }],
	patientGroups: [{ id: group, name: 'People with a learning disability' }],
	...over
});

const delivery = (over: Partial<DeliveryForExport> = {}): DeliveryForExport => ({
	id: '019abcde-0000-7000-8000-000000000001',
	recordedAt: '2026-11-24T10:15:00.000Z',
	voidedAt: null,
	outcome: 'delivered',
	format: 'easyRead',
	language: 'en',
	patientGroupId: group,
	briefingSlug: 'your-safety-on-our-ward',
	briefingTopic: 'Your safety on our ward',
	versionId: '22222222-2222-4222-8222-222222222222',
	versionNumber: 1,
	wardId: ward7,
	...over
});

const deliveries = [
	delivery(),
	delivery({
		id: '019abcde-0000-7000-8000-000000000002',
		format: 'video',
		outcome: 'declined',
		language: 'ar'
	}),
	delivery({
		id: '019abcde-0000-7000-8000-000000000003',
		voidedAt: '2026-11-24T10:20:00.000Z'
	})
];
const now = new Date('2026-11-26T09:00:00Z');
const bundle = toFhirBundle(deliveries, ctx(), now);
const resources = bundle.entry.map((e) => e.resource);
const ofType = (type: string) => resources.filter((r) => r.resourceType === type);

describe('FHIR R4 export', () => {
	it('is valid FHIR R4: structure, every invariant and required codes', () => {
		expect(fhirR4Problems(bundle)).toEqual([]);
		expect(bundle).not.toHaveProperty('total');
		expect(ofType('Communication')).toHaveLength(3);
	});

	it('would catch a wrong shape, a broken invariant or a wrong code', () => {
		const communication = ofType('Communication')[0];
		const wrong = (change: object, top: object = {}) =>
			fhirR4Problems({
				...bundle,
				...top,
				entry: [{ fullUrl: 'urn:uuid:x', resource: { ...communication, ...change } }]
			});
		expect(wrong({ status: ['completed'] })).toContainEqual(expect.stringContaining('status'));
		expect(wrong({ patient: 'x' })).toContainEqual(expect.stringContaining('additional'));
		expect(wrong({ sent: '24/11/2026' })).toContainEqual(expect.stringContaining('sent'));
		expect(wrong({ status: 'done' })).toEqual([
			'entry 0: Communication.status "done" is not in its required value set'
		]);
		// Invariants the JSON schema cannot see.
		expect(wrong({}, { total: 1 })).toContainEqual(expect.stringContaining('bdl-1'));
		const both = {
			url: wardExtensionUrl(ctx().canonicalBase),
			extension: [{ url: 'x', valueString: 'y' }]
		};
		expect(wrong({ extension: [{ ...both, valueString: 'Ward 7' }] })).toContainEqual(
			expect.stringContaining('ext-1')
		);
		// HL7's event-location is for Observation, DiagnosticReport, Media, SupplyDelivery only.
		const eventLocation = 'http://hl7.org/fhir/StructureDefinition/event-location';
		expect(
			wrong({ extension: [{ url: eventLocation, valueReference: { reference: 'urn:uuid:x' } }] })
		).toEqual([
			`entry 0: Communication.extension ${eventLocation} may be used only on Observation, DiagnosticReport, Media, SupplyDelivery`
		]);
		// A patient group is a kind of patient: naming members would break grp-1 as well as privacy.
		const group = ofType('Group')[0];
		const members = { ...group, member: [{ entity: { reference: 'urn:uuid:x' } }] };
		expect(
			fhirR4Problems({ ...bundle, entry: [{ fullUrl: 'urn:uuid:y', resource: members }] })
		).toContainEqual(expect.stringContaining('grp-1'));
	});

	it('names the sender, the patient group and the ward as resources in the Bundle', () => {
		const [first] = ofType('Communication');
		const byUrl = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource]));
		expect(first).toMatchObject({
			status: 'completed',
			sent: '2026-11-24T10:15:00.000Z',
			language: 'en',
			sender: { reference: `urn:uuid:${organisation}` },
			recipient: [{ reference: `urn:uuid:${group}` }],
			extension: expect.arrayContaining([
				{
					url: 'https://fhir.trust.nhs.uk/toolkit/StructureDefinition/ward',
					valueReference: { reference: `urn:uuid:${ward7}`, display: 'Ward 7' }
				}
			]),
			payload: [
				{
					contentAttachment: expect.objectContaining({
						url: 'https://toolkit.example/b/your-safety-on-our-ward?lang=en&format=easyRead'
					})
				}
			]
		});
		expect(byUrl.get(`urn:uuid:${organisation}`)).toMatchObject({
			resourceType: 'Organization',
			identifier: [{ system: ODS_ORGANISATION_CODE, value: 'RXX' }]
		});
		expect(byUrl.get(`urn:uuid:${group}`)).toMatchObject({ resourceType: 'Group', actual: false });
		expect(byUrl.get(`urn:uuid:${ward7}`)).toMatchObject({
			resourceType: 'Location',
			name: 'Ward 7'
		});
	});

	it('leaves the ODS identifier out when the code is not known', () => {
		const unknown = toFhirBundle(
			deliveries,
			ctx({ organisation: { id: organisation, name: 'Northfield', odsCode: null } }),
			now
		);
		const sender = unknown.entry.find((e) => e.resource.resourceType === 'Organization');
		expect(sender?.resource).not.toHaveProperty('identifier');
		expect(fhirR4Problems(unknown)).toEqual([]);
	});

	it('exports a record not given as not-done with its outcome, and an undone one as entered-in-error', () => {
		const [, declined, undone] = ofType('Communication');
		expect(declined).toMatchObject({
			status: 'not-done',
			statusReason: {
				coding: [
					{
						system: 'https://fhir.trust.nhs.uk/toolkit/CodeSystem/delivery-outcome',
						code: 'declined'
					}
				]
			}
		});
		expect(undone).toMatchObject({ status: 'entered-in-error' });
	});

	it('puts every code system and extension of its own under the canonical base', () => {
		const urls = JSON.stringify(bundle).match(/"(system|url)":"[^"]+"/g) ?? [];
		const own = urls.filter(
			(u) => !/hl7\.org|terminology\.hl7|fhir\.nhs\.uk|urn:ietf|toolkit\.example\/b\//.test(u)
		);
		expect(own.length).toBeGreaterThan(0);
		for (const u of own) expect(u).toContain('"https://fhir.trust.nhs.uk/toolkit/');
	});

	it('never refers to a patient', () => {
		const text = JSON.stringify(bundle);
		for (const key of ['subject', 'Patient/', '"Patient"', 'encounter', 'member'])
			expect(text).not.toContain(key);
	});

	it('streams the same Bundle, page by page', async () => {
		async function* pages() {
			yield deliveries.slice(0, 2);
			yield [];
			yield deliveries.slice(2);
		}
		let text = '';
		for await (const chunk of fhirBundleChunks(pages(), ctx(), now)) text += chunk;
		expect(JSON.parse(text)).toEqual(bundle);

		// A page is written in small chunks (about 75 KB each, for the garbage collector's sake).
		const many = Array.from({ length: 120 }, (_, i) =>
			delivery({ id: `019abcde-0000-7000-8000-${String(i).padStart(12, '0')}` })
		);
		async function* onePage() {
			yield many;
		}
		const chunks = [];
		for await (const chunk of fhirBundleChunks(onePage(), ctx(), now)) chunks.push(chunk);
		expect(chunks).toHaveLength(1 + 3 + 1);
		expect(JSON.parse(chunks.join(''))).toEqual(toFhirBundle(many, ctx(), now));

		async function* none() {}
		text = '';
		for await (const chunk of fhirBundleChunks(none(), ctx({ wards: [], patientGroups: [] }), now))
			text += chunk;
		expect(JSON.parse(text).entry).toHaveLength(1);
	});

	it('reads a range of days, naming the field at fault', () => {
		expect(FhirExportRange.parse({ from: '2026-01-01', to: '2026-03-31' })).toEqual({
			from: '2026-01-01',
			to: '2026-03-31'
		});
		expect(FhirExportRange.safeParse({ from: '1/1/2026' }).error?.issues[0]?.path).toEqual([
			'from'
		]);
		expect(
			FhirExportRange.safeParse({ from: '2026-03-01', to: '2026-01-01' }).error?.issues[0]?.path
		).toEqual(['to']);
	});
});
