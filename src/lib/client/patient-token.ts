import { PatientCodeResponse, type PatientCodeRequest } from '$lib/domain/patient-code';

/** 128 random bits, base64url: the QR code's token, unguessable and about nobody. */
export function newPatientToken(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The address of an organisation's briefing; /b/<slug> (which redirects) when it is unknown. */
export function briefingPath(organisationSlug: string, briefingSlug: string): string {
	return organisationSlug ? `/o/${organisationSlug}/b/${briefingSlug}` : `/b/${briefingSlug}`;
}

/** The link the QR code opens on the patient's phone: works before the record is synced. */
export function patientLink(
	origin: string,
	organisationSlug: string,
	briefing: { slug: string },
	language: string,
	format: string,
	token: string
): string {
	const params = new URLSearchParams({ lang: language, format, t: token });
	return `${origin}${briefingPath(organisationSlug, briefing.slug)}?${params}`;
}

/** A weak ward Wi-Fi should not leave the nurse waiting: after this the QR code is enough. */
const CODE_WAIT_MS = 8000;

/**
 * Asks the server for the typed code of a QR code's token; null when it cannot be reached (or
 * refuses): the QR code alone still opens the briefing, and the ward says so.
 */
export async function askPatientCode(
	request: PatientCodeRequest,
	send: typeof fetch = fetch
): Promise<string | null> {
	if (typeof navigator !== 'undefined' && !navigator.onLine) return null;
	try {
		const answer = await send('/api/patient-codes', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(request),
			signal: AbortSignal.timeout(CODE_WAIT_MS)
		});
		if (!answer.ok) return null;
		const body = PatientCodeResponse.safeParse(await answer.json());
		return body.success ? body.data.code : null;
	} catch {
		return null;
	}
}
