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
