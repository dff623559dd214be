import type { CompiledQuery, InferResult } from 'kysely';
import { createHash } from 'node:crypto';
import { localDay } from '$lib/domain/local-time';
import type { Db } from '$lib/server/db/database';
import { orPrimary, type ReadPools } from '$lib/server/db/read-replica';

/** The one patient page kept in memory: a published briefing, /o/<organisation>/b/<slug>. */
export const KEPT_ROUTE = '/(patient)/o/[organisation]/b/[slug]';

// The query options that change the page's HTML; any other (a patient's token `t` above all)
// makes the page its own and it is rendered afresh.
const OPTIONS = new Set(['lang', 'format']);

export interface PageRequest {
	method: string;
	routeId: string | null;
	params: Partial<Record<string, string>>;
	url: URL;
	/** The page's interface language, as the hook negotiated it (the address, else the browser's). */
	lang: string;
}

/**
 * What a published briefing's page shows, read in one indexed query: every column that reaches
 * its HTML (through the root layout, the organisation's layout and the page) or decides whether
 * it is shown at all. Variants of a published version never change (only a draft's do, see
 * repositories/briefing-versions.ts `claimDraft`), so the version's id stands for its content.
 * Nothing: no such organisation, it is suspended, or no published version; SvelteKit then
 * renders the 404 or 410 as ever.
 */
function stampQuery(db: Db, organisationSlug: string, briefingSlug: string) {
	return db
		.selectFrom('organisation')
		.innerJoin('briefing', 'briefing.organisation_id', 'organisation.id')
		.innerJoin('briefing_version', (join) =>
			join
				.onRef('briefing_version.briefing_id', '=', 'briefing.id')
				.onRef('briefing_version.organisation_id', '=', 'briefing.organisation_id')
		)
		.select([
			'organisation.id as organisation_id',
			'organisation.name',
			'organisation.contact',
			'organisation.time_zone',
			'organisation.default_languages',
			'briefing.id as briefing_id',
			'briefing.topic',
			'briefing_version.id as version_id',
			'briefing_version.review_by',
			'briefing_version.approved_at',
			'briefing_version.published_at',
			'briefing_version.is_example'
		])
		.where('organisation.slug', '=', organisationSlug)
		.where('organisation.suspended_at', 'is', null)
		.where('briefing.slug', '=', briefingSlug)
		.where('briefing_version.status', '=', 'published');
}

type Stamp = InferResult<ReturnType<typeof stampQuery>>[number];

// Stand-ins for the two slugs in the query compiled once (no slug holds a NUL).
const ORGANISATION = '\u0000organisation';
const BRIEFING = '\u0000briefing';
const compiled = new WeakMap<Db, CompiledQuery<Stamp>>();

/**
 * The query is built and compiled once per database and run with each request's slugs: asked
 * for every patient page answered from memory, Kysely's building of it was a tenth of the
 * server's time (bench floors, a CPU profile).
 */
export async function pageStamp(
	db: Db,
	organisationSlug: string,
	briefingSlug: string
): Promise<Stamp | undefined> {
	let query = compiled.get(db);
	if (!query) compiled.set(db, (query = stampQuery(db, ORGANISATION, BRIEFING).compile()));
	const parameters = query.parameters.map((value) =>
		value === ORGANISATION ? organisationSlug : value === BRIEFING ? briefingSlug : value
	);
	const { rows } = await db.executeQuery<Stamp>({ ...query, parameters });
	return rows[0];
}

/**
 * The cache key of a patient page request, or null when the page must be rendered for this
 * request alone: not a GET, not the kept route, a query option that is not `lang` or `format`
 * (or one given twice), or nothing published to show.
 */
export async function patientPageKey(
	pools: ReadPools,
	request: PageRequest,
	now = new Date()
): Promise<string | null> {
	if (request.method !== 'GET' || request.routeId !== KEPT_ROUTE) return null;
	const { organisation, slug } = request.params;
	if (!organisation || !slug) return null;
	return keptPageKey(pools, { url: request.url, lang: request.lang, organisation, slug }, now);
}

/** Whether the address's query options all change the page (`lang`, `format`), each once. */
export function keyableOptions(url: URL): boolean {
	const names = [...url.searchParams.keys()];
	return names.every((name) => OPTIONS.has(name)) && new Set(names).size === names.length;
}

/**
 * The key of the kept route's page at `url`, its slugs given: what `patientPageKey` answers once
 * it knows the route, and what the answer before SvelteKit (before-kit.ts) asks with.
 */
export async function keptPageKey(
	pools: ReadPools,
	page: { url: URL; lang: string; organisation: string; slug: string },
	now = new Date()
): Promise<string | null> {
	if (!keyableOptions(page.url)) return null;
	// A briefing just published may not have reached a replica yet: the primary then.
	const stamp = await orPrimary(pools, (db) => pageStamp(db, page.organisation, page.slug));
	if (!stamp) return null;
	return createHash('sha256')
		.update(
			JSON.stringify([
				page.url.pathname,
				page.url.search,
				page.lang,
				today(now, stamp.time_zone),
				stamp
			])
		)
		.digest('base64url');
}

// Today's date in each zone, worked out once a minute rather than by Intl for every request (a
// twentieth of a kept page's answer). Every zone's offset today is a whole number of minutes.
const days = new Map<string, { minute: number; day: string }>();

function today(now: Date, timeZone: string): string {
	const minute = Math.floor(now.getTime() / 60_000);
	const known = days.get(timeZone);
	if (known?.minute === minute) return known.day;
	const day = localDay(now, timeZone);
	days.set(timeZone, { minute, day });
	return day;
}
