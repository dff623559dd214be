/*
 * Deliveries as HL7 FHIR R4 (4.0.1): a Bundle of type `collection` holding
 *   - one `Organization` (the sender; its ODS code as identifier when the organisation has one),
 *   - one `Group` per patient group (the recipient: a kind of patient, never a patient),
 *   - one `Location` per ward, named on each delivery by the toolkit's `ward` extension (a
 *     Reference(Location)). Not HL7's `event-location`: in R4 that one may be used only on
 *     Observation, DiagnosticReport, Media and SupplyDelivery, so on a Communication it is
 *     invalid (R4 Communication has no location element of its own);
 *   - one `Communication` per delivery record: `completed` when given, `not-done` (the outcome
 *     as `statusReason`) when not, `entered-in-error` when the ward undid it.
 * No subject, encounter or any reference to a patient: a delivery record holds nothing about
 * who the patient was.
 *
 * The export can hold a million records, so it is written as text, one page of records at a
 * time (`fhirBundleChunks`), never as one object: memory stays bounded by the page size. There
 * is no `total` (invariant bdl-1 allows it only on search and history Bundles).
 *
 * The toolkit's own code systems and extensions live under one canonical base (FHIR_CANONICAL_BASE,
 * else the server's origin + /fhir; see docs/measurement.md): `{base}/CodeSystem/{name}` and `{base}/StructureDefinition/{name}`.
 * Validity (structure and every FHIRPath invariant) is proved in tests with HL7's definitions,
 * not here: see tests/support/fhir-r4.ts.
 */
import { z } from 'zod';

export const ODS_ORGANISATION_CODE = 'https://fhir.nhs.uk/Id/ods-organization-code';
/** The address of the toolkit's extension naming the ward a delivery was recorded on. */
export const wardExtensionUrl = (canonicalBase: string) =>
	`${canonicalBase}/StructureDefinition/ward`;

export interface DeliveryForExport {
	id: string;
	recordedAt: string;
	/** When the ward undid the record; it is then exported as `entered-in-error`. */
	voidedAt: string | null;
	outcome: string;
	format: string;
	language: string;
	patientGroupId: string;
	briefingSlug: string;
	briefingTopic: string;
	versionId: string;
	versionNumber: number;
	wardId: string;
}

/** What every Communication refers to: written once at the head of the Bundle. */
export interface FhirExportContext {
	/** The server's public origin, for links to the briefings themselves. */
	origin: string;
	canonicalBase: string;
	/** `slug`: its public address, /o/<slug>; absent, briefing links use /b/<slug>. */
	organisation: { id: string; name: string; odsCode: string | null; slug?: string };
	wards: ReadonlyArray<{ id: string; name: string }>;
	patientGroups: ReadonlyArray<{ id: string; name: string }>;
}

/** `from` and `to` are days (inclusive); either may be left out. */
export const FhirExportRange = z
	.object({
		from: z.iso.date().optional(),
		to: z.iso.date().optional()
	})
	.refine((r) => !r.from || !r.to || r.from <= r.to, {
		path: ['to'],
		message: 'to must not be before from'
	});
export type FhirExportRange = z.infer<typeof FhirExportRange>;

// The few R4 shapes we write (the element names are HL7's).
interface Coding {
	system: string;
	code: string;
	display?: string;
}
interface Reference {
	reference: string;
	display?: string;
}
type Resource = { resourceType: string; id: string } & Record<string, unknown>;
export interface FhirEntry {
	fullUrl: string;
	resource: Resource;
}
export interface FhirCollectionBundle {
	resourceType: 'Bundle';
	type: 'collection';
	timestamp: string;
	entry: FhirEntry[];
}

const fullUrl = (id: string) => `urn:uuid:${id}`;
const reference = (id: string, display: string): Reference => ({
	reference: fullUrl(id),
	display
});

/** HL7 v3 ParticipationMode, where a format has one. */
const participationMode: Record<string, { code: string; display: string } | undefined> = {
	leaflet: { code: 'WRITTEN', display: 'written' },
	easyRead: { code: 'WRITTEN', display: 'written' },
	faceToFace: { code: 'FACE', display: 'face-to-face' },
	video: undefined
};

function organisationOf(ctx: FhirExportContext): Resource {
	const { id, name, odsCode } = ctx.organisation;
	return {
		resourceType: 'Organization',
		id,
		...(odsCode ? { identifier: [{ system: ODS_ORGANISATION_CODE, value: odsCode }] } : {}),
		active: true,
		name
	};
}

function groupOf(group: { id: string; name: string }, ctx: FhirExportContext): Resource {
	return {
		resourceType: 'Group',
		id: group.id,
		type: 'person',
		// A kind of patient, not a list of people: no member is ever named.
		actual: false,
		name: group.name,
		managingEntity: reference(ctx.organisation.id, ctx.organisation.name)
	};
}

function locationOf(ward: { id: string; name: string }, ctx: FhirExportContext): Resource {
	return {
		resourceType: 'Location',
		id: ward.id,
		status: 'active',
		name: ward.name,
		mode: 'instance',
		physicalType: {
			coding: [
				{
					system: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
					code: 'wa',
					display: 'Ward'
				}
			]
		},
		managingOrganization: reference(ctx.organisation.id, ctx.organisation.name)
	};
}

function statusOf(d: DeliveryForExport): string {
	if (d.voidedAt) return 'entered-in-error';
	return d.outcome === 'delivered' || d.outcome === 'partly' ? 'completed' : 'not-done';
}

/** Looks names up once per export rather than joining them onto every record. */
export function namesOf(ctx: FhirExportContext) {
	return {
		ward: new Map(ctx.wards.map((w) => [w.id, w.name])),
		group: new Map(ctx.patientGroups.map((g) => [g.id, g.name]))
	};
}

export function communicationOf(
	d: DeliveryForExport,
	ctx: FhirExportContext,
	names: ReturnType<typeof namesOf> = namesOf(ctx)
): Resource {
	const base = ctx.canonicalBase;
	const status = statusOf(d);
	const mode = participationMode[d.format];
	const briefingPath = `/b/${encodeURIComponent(d.briefingSlug)}`;
	const { slug } = ctx.organisation;
	const url = new URL(
		slug ? `/o/${encodeURIComponent(slug)}${briefingPath}` : briefingPath,
		ctx.origin
	);
	url.searchParams.set('lang', d.language);
	url.searchParams.set('format', d.format);
	const medium: Coding[] = [
		...(mode
			? [
					{
						system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode',
						code: mode.code,
						display: mode.display
					}
				]
			: []),
		{ system: `${base}/CodeSystem/briefing-format`, code: d.format }
	];
	return {
		resourceType: 'Communication',
		id: d.id,
		language: d.language,
		extension: [
			{
				url: wardExtensionUrl(base),
				valueReference: reference(d.wardId, names.ward.get(d.wardId) ?? d.wardId)
			},
			{
				url: `${base}/StructureDefinition/briefing-version`,
				valueCoding: {
					system: `${base}/CodeSystem/briefing-version`,
					code: d.versionId,
					display: `${d.briefingTopic} (${d.versionNumber})`
				}
			}
		],
		identifier: [{ system: 'urn:ietf:rfc:3986', value: fullUrl(d.id) }],
		status,
		...(d.outcome !== 'delivered' && d.outcome !== 'partly'
			? {
					statusReason: {
						coding: [{ system: `${base}/CodeSystem/delivery-outcome`, code: d.outcome }]
					}
				}
			: {}),
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
		medium: [{ coding: medium }],
		recipient: [reference(d.patientGroupId, names.group.get(d.patientGroupId) ?? d.patientGroupId)],
		sender: reference(ctx.organisation.id, ctx.organisation.name),
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
		]
	};
}

const entryOf = (resource: Resource): FhirEntry => ({ fullUrl: fullUrl(resource.id), resource });

/** The Organization, Groups and Locations every Communication refers to. */
export function headEntries(ctx: FhirExportContext): FhirEntry[] {
	return [
		organisationOf(ctx),
		...ctx.patientGroups.map((g) => groupOf(g, ctx)),
		...ctx.wards.map((w) => locationOf(w, ctx))
	].map(entryOf);
}

/** The whole Bundle as one object: for small sets and tests (the route streams instead). */
export function toFhirBundle(
	deliveries: readonly DeliveryForExport[],
	ctx: FhirExportContext,
	now: Date
): FhirCollectionBundle {
	const names = namesOf(ctx);
	return {
		resourceType: 'Bundle',
		type: 'collection',
		timestamp: now.toISOString(),
		entry: [...headEntries(ctx), ...deliveries.map((d) => entryOf(communicationOf(d, ctx, names)))]
	};
}

/**
 * Entries per chunk of text: about 75 KB, small enough for V8 to collect young. (A chunk per page
 * of 1,000, about 1.5 MB, went to the large-object space and let the server grow past 200 MB.)
 */
const ENTRIES_PER_CHUNK = 50;

/**
 * The same Bundle as `toFhirBundle`, as JSON text in chunks: the head, then the records as
 * `pages` yields them, then the close. Only one page is held at a time.
 */
export async function* fhirBundleChunks(
	pages: AsyncIterable<readonly DeliveryForExport[]>,
	ctx: FhirExportContext,
	now: Date
): AsyncGenerator<string> {
	const names = namesOf(ctx);
	const head = headEntries(ctx).map((e) => JSON.stringify(e));
	yield `{"resourceType":"Bundle","type":"collection","timestamp":${JSON.stringify(now.toISOString())},"entry":[${head.join(',')}`;
	let first = head.length === 0;
	for await (const page of pages)
		for (let i = 0; i < page.length; i += ENTRIES_PER_CHUNK) {
			const text = page
				.slice(i, i + ENTRIES_PER_CHUNK)
				.map((d) => JSON.stringify(entryOf(communicationOf(d, ctx, names))));
			yield (first ? '' : ',') + text.join(',');
			first = false;
		}
	yield ']}';
}
