/*
 * A QR link's token (`?t=`) in addresses. The token links a patient's feedback and view events
 * to their delivery, so whoever has it can answer "as" that delivery: it must not linger in the
 * phone's address bar, its history, a screenshot or a forwarded link. With JavaScript the patient
 * page keeps it for the tab (sessionStorage, per briefing page) and takes it out of every address
 * (lib/client/patient-page/link-token.ts); the service worker never keeps a page under an address
 * that holds one. Without JavaScript the address keeps it, as before.
 *
 * Example: /o/northfield/b/call-dont-fall?lang=ar&format=video&t=AbC…
 *   → the token, for the page /o/northfield/b/call-dont-fall; the address shown becomes
 *     /o/northfield/b/call-dont-fall?lang=ar&format=video.
 * A notice opened from it (/privacy?lang=ar&from=%2Fo%2F…%26t%3DAbC…) gives the same token for
 * the same page, and loses it from its `from` alike.
 */

/** The shape of a link token (as `PatientToken`): 128 random bits or more, base64url. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

/** The query option that carries it. */
const TOKEN = 't';
/** A notice's way back (`noticeHref`), which holds the address it was opened from. */
const FROM = 'from';

/** Where a tab keeps the token of one briefing page. */
export const tokenStorageKey = (page: string) => `linkToken:${page}`;

const decode = (part: string) => {
	try {
		return decodeURIComponent(part.replace(/\+/g, ' '));
	} catch {
		return part;
	}
};

/**
 * `href` (absolute, or relative as a page's links are) without any `t` in its query, nor in the
 * address its `from` holds; everything else as it was, byte for byte (the form's `&/feedback`
 * too). The same string when there was none.
 */
export function withoutToken(href: string): string {
	const hashAt = href.indexOf('#');
	const beforeHash = hashAt === -1 ? href : href.slice(0, hashAt);
	const hash = hashAt === -1 ? '' : href.slice(hashAt);
	const queryAt = beforeHash.indexOf('?');
	if (queryAt === -1) return href;
	const parts = beforeHash.slice(queryAt + 1).split('&');
	const kept: string[] = [];
	let changed = false;
	for (const part of parts) {
		const equals = part.indexOf('=');
		const name = decode(equals === -1 ? part : part.slice(0, equals));
		if (name === TOKEN) {
			changed = true;
			continue;
		}
		if (name === FROM && equals !== -1) {
			const from = decode(part.slice(equals + 1));
			const cleaned = withoutToken(from);
			if (cleaned !== from) {
				changed = true;
				kept.push(`${part.slice(0, equals)}=${encodeURIComponent(cleaned)}`);
				continue;
			}
		}
		kept.push(part);
	}
	if (!changed) return href;
	const query = kept.join('&');
	return `${beforeHash.slice(0, queryAt)}${query ? `?${query}` : ''}${hash}`;
}

/**
 * The token an address carries and the briefing page it belongs to: the page's own (`?t=`), or
 * that of the page a notice was opened from (`?from=/o/…?…&t=`). Null when there is none, or
 * it is not a token's shape (the server ignores those too).
 */
export function tokenInAddress(href: string): { page: string; token: string } | null {
	const url = new URL(href);
	const own = url.searchParams.get(TOKEN);
	if (own !== null) return LINK_TOKEN.test(own) ? { page: url.pathname, token: own } : null;
	const from = url.searchParams.get(FROM);
	// Only a path on this site, as the notice's back link itself (notice-back-link.ts).
	if (!from?.startsWith('/') || from.startsWith('//') || from.startsWith('/\\')) return null;
	const back = new URL(from, url.origin);
	const token = back.searchParams.get(TOKEN);
	return token !== null && LINK_TOKEN.test(token) ? { page: back.pathname, token } : null;
}

/**
 * Whether an address holds a patient's token anywhere: `?t=`, a notice's `from` holding one, or
 * the short link's path (`/p/<token>`). A page kept on the phone under it would keep the token
 * in the phone's storage long after the tab has gone.
 */
export function carriesToken(url: URL): boolean {
	return url.pathname.startsWith('/p/') || withoutToken(url.href) !== url.href;
}
