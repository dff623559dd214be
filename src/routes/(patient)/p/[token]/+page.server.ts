import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { PatientToken } from '$lib/domain/delivery-record';
import { listBriefings } from '$lib/server/repositories/briefings';
import { deliveryForToken } from '$lib/server/repositories/feedback';
import { primaryOrganisation } from '$lib/server/repositories/organisations';

/** How long a short link keeps working after the briefing was given. */
const LINK_DAYS = 30;

/**
 * The short link on the QR card: /p/<token>. A known, recent token opens the briefing in the
 * language and format given on the ward. Anything else (unknown, expired, malformed) gets a
 * friendly page with the public briefings: never an error, never a hint about anyone else.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const token = PatientToken.safeParse(params.token);
	if (token.success) {
		const delivery = await deliveryForToken(locals.app.db, token.data);
		const age = delivery ? Date.now() - Date.parse(delivery.recorded_at) : Infinity;
		if (delivery && age <= LINK_DAYS * 86_400_000)
			redirect(
				303,
				`/b/${delivery.slug}?lang=${delivery.language}&format=${delivery.format}&t=${token.data}`
			);
	}
	const organisation = await primaryOrganisation(locals.app.db);
	const briefings = organisation ? await listBriefings(locals.app.db, organisation.id) : [];
	return {
		titleKey: 'patient:link.title',
		briefings: briefings.filter((b) => b.published).map((b) => ({ slug: b.slug, topic: b.topic }))
	};
};
