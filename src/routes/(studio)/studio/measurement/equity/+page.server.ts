import type { PageServerLoad } from './$types';
import { equityView } from '$lib/domain/measurement/equity';
import { discloseEquity, seesRawCounts } from '$lib/domain/measurement/disclosure';
import { requirePageRole } from '$lib/server/auth/guard';
import { equityInput } from '$lib/server/repositories/equity';
import { organisationToday } from '$lib/server/repositories/organisations';
import { discloseUnmetNeed } from '$lib/domain/measurement/unmet-need';
import { publishedLanguages, unmetNeedCells } from '$lib/server/repositories/unmet-need';
import { EQUITY_WINDOW_MS as YEAR_MS } from './window';
import { readDatabase } from '$lib/server/db/read-replica';

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const db = readDatabase(locals.app, cookies);
	const today = await organisationToday(db, user.organisationId);
	const fromDay = new Date(Date.parse(`${today}T00:00:00Z`) - YEAR_MS).toISOString().slice(0, 10);
	const view = equityView(await equityInput(db, user.organisationId, fromDay));
	// Disclosure control on the server: a hidden number never reaches the reader's browser.
	const raw = seesRawCounts(user.role, 'screen');
	const shown = discloseEquity(view, raw);
	const unmetNeed = discloseUnmetNeed(
		await unmetNeedCells(db, user.organisationId, fromDay),
		await publishedLanguages(db, user.organisationId),
		raw
	);
	return { titleKey: 'measure:equity.title', ...shown, unmetNeed };
};
