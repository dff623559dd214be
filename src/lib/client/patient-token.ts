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
