/*
 * Deliveries as HL7 FHIR R4: a Bundle (type collection) of Communication resources, one per
 * delivery, for other systems to count what patients were told. No subject, recipient or any
 * other reference to a patient: a delivery record holds nothing about who the patient was.
 *
 * No official R4 JSON schema ships on the npm registry that we could verify, so
 * `FhirCommunicationBundle` below is the subset we write, checked against the R4 spec
 * (https://hl7.org/fhir/R4/communication.html, bundle.html, datatypes.html): strict objects,
 * the spec's regular expressions for id, code, uri, dateTime and instant, and the value sets of
 * Communication.status and Bundle.type.
 */
import { z } from 'zod';

export const TOOLKIT_SYSTEM = 'https://safety-briefing-toolkit.example/fhir';

export interface DeliveryForExport {
	id: string;
	recordedAt: string;
	outcome: string;
	format: string;
	language: string;
	patientGroupId: string;
	patientGroupName: string;
	briefingSlug: string;
	briefingTopic: string;
	versionId: string;
	versionNumber: number;
	wardName: string;
}

// The spec's own patterns (R4 datatypes).
const fhirId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/);
const fhirCode = z.string().regex(/^[^\s]+( [^\s]+)*$/);
const fhirUri = z.string().regex(/^\S*$/).min(1);
const fhirDateTime = z
	.string()
	.regex(
		/^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/
	);
const fhirString = z
	.string()
	.min(1)
	.regex(/^[\s\S]+$/);

const Coding = z.strictObject({ system: fhirUri, code: fhirCode, display: fhirString.optional() });
const CodeableConcept = z.strictObject({
	coding: z.array(Coding).min(1).optional(),
	text: fhirString.optional()
});
const Extension = z.strictObject({ url: fhirUri, valueCoding: Coding });
const Attachment = z.strictObject({
	contentType: fhirCode,
	language: fhirCode,
	url: z.url(),
	title: fhirString
});

export const FhirCommunication = z.strictObject({
	resourceType: z.literal('Communication'),
	id: fhirId,
	language: fhirCode,
	extension: z.array(Extension).optional(),
	identifier: z.array(z.strictObject({ system: fhirUri, value: fhirString })),
	status: z.enum([
		'preparation',
		'in-progress',
		'not-done',
		'on-hold',
		'stopped',
		'completed',
		'entered-in-error',
		'unknown'
	]),
	statusReason: CodeableConcept.optional(),
	category: z.array(CodeableConcept),
	medium: z.array(CodeableConcept),
	sent: fhirDateTime,
	payload: z.array(z.strictObject({ contentAttachment: Attachment })).min(1),
	note: z.array(z.strictObject({ text: fhirString })).optional()
});

export const FhirCommunicationBundle = z.strictObject({
	resourceType: z.literal('Bundle'),
	type: z.literal('collection'),
	timestamp: fhirDateTime,
	total: z.number().int().min(0).optional(),
	entry: z.array(z.strictObject({ fullUrl: fhirUri, resource: FhirCommunication }))
});
export type FhirCommunicationBundle = z.infer<typeof FhirCommunicationBundle>;

/** HL7 v3 ParticipationMode, where a format has one. */
const participationMode: Record<string, { code: string; display: string } | undefined> = {
	leaflet: { code: 'WRITTEN', display: 'written' },
	easyRead: { code: 'WRITTEN', display: 'written' },
	faceToFace: { code: 'FACE', display: 'face-to-face' },
	video: undefined
};

function communicationOf(d: DeliveryForExport, origin: string) {
	const given = d.outcome === 'delivered' || d.outcome === 'partly';
	const mode = participationMode[d.format];
	const url = new URL(`/b/${encodeURIComponent(d.briefingSlug)}`, origin);
	url.searchParams.set('lang', d.language);
	url.searchParams.set('format', d.format);
	return {
		resourceType: 'Communication' as const,
		id: d.id,
		language: d.language,
		extension: [
			{
				url: `${TOOLKIT_SYSTEM}/StructureDefinition/patient-group`,
				valueCoding: {
					system: `${TOOLKIT_SYSTEM}/patient-group`,
					code: d.patientGroupId,
					display: d.patientGroupName
				}
			},
			{
				url: `${TOOLKIT_SYSTEM}/StructureDefinition/briefing-version`,
				valueCoding: {
					system: `${TOOLKIT_SYSTEM}/briefing-version`,
					code: d.versionId,
					display: `${d.briefingTopic} (${d.versionNumber})`
				}
			}
		],
		identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${d.id}` }],
		status: given ? ('completed' as const) : ('not-done' as const),
		...(given
			? {}
			: {
					statusReason: {
						coding: [{ system: `${TOOLKIT_SYSTEM}/delivery-outcome`, code: d.outcome }]
					}
				}),
		category: [
			{
				coding: [
					{
						system: 'http://terminology.hl7.org/CodeSystem/communication-category',
						code: 'instruction',
						display: 'Instruction'
					}
				],
				text: 'Patient safety briefing'
			}
		],
		medium: [
			{
				coding: [
					...(mode
						? [
								{
									system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode',
									code: mode.code,
									display: mode.display
								}
							]
						: []),
					{ system: `${TOOLKIT_SYSTEM}/briefing-format`, code: d.format }
				]
			}
		],
		sent: d.recordedAt,
		payload: [
			{
				contentAttachment: {
					contentType: 'text/html',
					language: d.language,
					url: url.href,
					title: `${d.briefingTopic} (${d.versionNumber}, ${d.format}, ${d.language})`
				}
			}
		],
		note: [{ text: d.wardName }]
	};
}

/** The Bundle of every delivery given; validated against the schema above before it leaves. */
export function toFhirBundle(
	deliveries: readonly DeliveryForExport[],
	origin: string,
	now: Date
): FhirCommunicationBundle {
	return FhirCommunicationBundle.parse({
		resourceType: 'Bundle',
		type: 'collection',
		timestamp: now.toISOString(),
		total: deliveries.length,
		entry: deliveries.map((d) => ({
			fullUrl: `urn:uuid:${d.id}`,
			resource: communicationOf(d, origin)
		}))
	});
}
