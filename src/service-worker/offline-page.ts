import { negotiateUiLanguage, type UiLanguage } from '$lib/domain/language';

/*
 * The page a navigation gets with neither network nor a cached copy: one prerendered per
 * interface language (routes/offline/[lang]), in the reader's language.
 */
export const offlinePagePath = (lang: UiLanguage) => `/offline/${lang}`;

/** Patient pages: their language travels in the link, never in a cookie (hooks.server.ts). */
export const isPatientPath = (pathname: string) => /^\/(?:o|b|p)\//.test(pathname);

/**
 * The reader's language, chosen as the server would: the one the address asks for (a patient's
 * link carries it); on a staff page, else the one of the last staff page this device was shown
 * (its Content-Language, remembered by the worker: the choice itself is a cookie the worker
 * cannot read); else the browser's.
 */
export function offlineLanguage(
	url: URL,
	remembered: string | null,
	browserLanguages: readonly string[]
): UiLanguage {
	const chosen = isPatientPath(url.pathname) ? null : remembered;
	return negotiateUiLanguage(url.searchParams.get('lang') ?? chosen, browserLanguages.join(','));
}

/** After a sign-out made offline: the page says so (its notice is hidden otherwise). */
export function withSignedOutNotice(html: string): string {
	return html.replace(/(<[^>]*\sdata-offline-signed-out(?:="")?)\s+hidden(?:="")?/, '$1');
}

/** The sign-out's landing address (`/sign-in?signedOut=1`) is where the notice shows. */
export const isAfterSignOut = (url: URL) => url.searchParams.get('signedOut') === '1';
