import {
	negotiateLanguage,
	negotiatePatientLanguage,
	uiLanguages,
	type PatientLanguage
} from '$lib/domain/language';

/*
 * The page a navigation gets with neither network nor a cached copy: one prerendered per patient
 * page language (routes/offline/[lang]; the staff languages are among them), in the reader's.
 */
export const offlinePagePath = (lang: PatientLanguage) => `/offline/${lang}`;

/** Patient pages: their language travels in the link, never in a cookie (hooks.server.ts). */
export const isPatientPath = (pathname: string) => /^\/(?:o|b|p)\//.test(pathname);

/**
 * The reader's language, chosen as the server would. A patient's page: the one its link asks for,
 * else the phone's, in any patient page language. A staff page: a staff language, the one the
 * address asks for, else the one of the last staff page this device was shown (its
 * Content-Language, remembered by the worker: the choice itself is a cookie the worker cannot
 * read), else the browser's.
 */
export function offlineLanguage(
	url: URL,
	remembered: string | null,
	browserLanguages: readonly string[]
): PatientLanguage {
	const asked = url.searchParams.get('lang');
	const browser = browserLanguages.join(',');
	return isPatientPath(url.pathname)
		? negotiatePatientLanguage(asked, browser)
		: negotiateLanguage(uiLanguages, [asked, remembered], browser);
}

/** After a sign-out made offline: the page says so (its notice is hidden otherwise). */
export function withSignedOutNotice(html: string): string {
	return html.replace(/(<[^>]*\sdata-offline-signed-out(?:="")?)\s+hidden(?:="")?/, '$1');
}

/** The sign-out's landing address (`/sign-in?signedOut=1`) is where the notice shows. */
export const isAfterSignOut = (url: URL) => url.searchParams.get('signedOut') === '1';
