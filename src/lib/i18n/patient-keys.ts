import type { Namespace } from './index';

/**
 * Every key a patient page can show (routes under src/routes/(patient), the error page and
 * layout around them, the components they use), by namespace: an entry covers the key it names
 * and every key under it; '' covers the whole namespace. A patient-only language's locale files
 * hold exactly these keys, no more, no fewer (locales.test.ts), so a patient-facing key added in
 * English shows up at once as missing in every patient language. A new patient-facing key
 * outside these entries: add its entry here.
 */
export const patientFacingKeys = {
	common: [
		'serviceName',
		'skipLink',
		'errorPrefix',
		'importantPrefix',
		'footer',
		'language',
		'errorSummary',
		'errors',
		'home.lede',
		'home.noBriefings',
		'offline',
		'tenancy.notAvailable',
		'tenancy.home'
	],
	patient: [''],
	briefing: ['format', 'example.heading', 'example.body', 'video', 'leaflet.contact', 'faceToFace']
} as const satisfies Partial<Record<Namespace, readonly string[]>>;

export type PatientNamespace = keyof typeof patientFacingKeys;
export const patientNamespaces = Object.keys(patientFacingKeys) as PatientNamespace[];

/** Whether a dotted key (plural suffix and all) of `ns` is one a patient page can show. */
export function isPatientFacing(ns: string, key: string): boolean {
	const entries: readonly string[] | undefined = (
		patientFacingKeys as Record<string, readonly string[]>
	)[ns];
	return (
		entries?.some(
			(entry) =>
				entry === '' || key === entry || key.startsWith(`${entry}.`) || key.startsWith(`${entry}_`)
		) ?? false
	);
}
