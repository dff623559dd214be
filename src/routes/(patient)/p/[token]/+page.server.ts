import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { PatientToken } from '$lib/domain/delivery-record';
import { PATIENT_LINK_DAYS } from '$lib/domain/patient-code';
import { deliveryForToken } from '$lib/server/repositories/feedback';
import { orPrimary } from '$lib/server/db/read-replica';
import { publicBriefings } from '$lib/server/public-briefings';

/**
 * The short link of earlier QR cards: /p/<token> (the ward now shows the full link, which works
 * before the record is synced, and a typed code: /c). A known, recent token opens the briefing of the
 * delivery's own organisation (/o/<organisation>/b/<slug>) in the language and format given on
 * the ward. Anything else (unknown, expired, malformed) gets a friendly page: each
 * organisation's public briefings (under its name when the service has several), or an expired
 * link's own organisation's alone. Never an error, never a hint about anyone else.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	// The replica, if any; a token it has not received yet (the ward synced a moment ago), the primary.
	const db = locals.app.readDb;
	const token = PatientToken.safeParse(params.token);
	// An expired link's own organisation: its briefings alone are offered, not other trusts'.
	let expiredFrom: string | undefined;
	if (token.success) {
		const delivery = await orPrimary(locals.app, (from) => deliveryForToken(from, token.data));
		const age = delivery ? Date.now() - Date.parse(delivery.recorded_at) : Infinity;
		if (delivery && age <= PATIENT_LINK_DAYS * 86_400_000)
			redirect(
				303,
				`/o/${delivery.organisationSlug}/b/${delivery.slug}?lang=${delivery.language}&format=${delivery.format}&t=${token.data}`
			);
		expiredFrom = delivery?.organisationSlug;
	}
	return { titleKey: 'patient:link.title', organisations: await publicBriefings(db, expiredFrom) };
};
