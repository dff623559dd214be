import type { PageServerLoad } from './$types';
import { equityView } from '$lib/domain/measurement/equity';
import { discloseEquity, seesRawCounts } from '$lib/domain/measurement/disclosure';
import { requirePageRole } from '$lib/server/auth/guard';
import { equityInput } from '$lib/server/repositories/measurement';

const YEAR_MS = 364 * 86_400_000;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const fromDay = new Date(Date.now() - YEAR_MS).toISOString().slice(0, 10);
	const view = equityView(await equityInput(locals.app.db, user.organisationId, fromDay));
	// Disclosure control on the server: a hidden number never reaches the reader's browser.
	const shown = discloseEquity(view, seesRawCounts(user.role, 'screen'));
	return { titleKey: 'measure:equity.title', ...shown };
};
