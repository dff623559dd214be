/** A staff device's own language choice (the switcher's), a cookie; patient pages set none. */
export const LANG_COOKIE = 'lang';

/** Adds (or keeps) the language in a link: patient pages carry it in the URL, not a cookie. */
export function withLang(path: string, lang: string | null | undefined): string {
	if (!lang) return path;
	const url = new URL(path, 'http://x');
	url.searchParams.set('lang', lang);
	return `${url.pathname}${url.search}${url.hash}`;
}

/** Whether a route is a patient page: no sign-in, every written content language. */
export function isPatientRoute(routeId: string | null | undefined): boolean {
	return routeId?.startsWith('/(patient)') ?? false;
}

/** The patient notices the footer links to; each shows a way back to where it was opened from. */
export const noticePaths = ['/privacy', '/accessibility'] as const;

/**
 * A link to a notice that remembers the page it is followed from (`from`, its path and query
 * without the language, which the link carries itself). From one notice to the other, the
 * first notice's own `from` is passed on, so the way back still leads to the briefing. The
 * notice's server checks `from` before showing it (server/patient-pages/notice-back-link.ts).
 */
export function noticeHref(
	notice: (typeof noticePaths)[number],
	here: URL | null,
	lang: string | null | undefined
): string {
	const url = new URL(withLang(notice, lang), 'http://x');
	let from: string | null = null;
	if (here && (noticePaths as readonly string[]).includes(here.pathname))
		from = here.searchParams.get('from');
	else if (here) {
		const query = new URLSearchParams(here.search);
		query.delete('lang');
		const search = query.toString();
		from = `${here.pathname}${search ? `?${search}` : ''}`;
	}
	if (from) url.searchParams.set('from', from);
	return `${url.pathname}${url.search}`;
}
