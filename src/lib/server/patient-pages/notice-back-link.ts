import { z } from 'zod';
import { noticePaths, withLang } from '$lib/i18n/links';
import { safeReturnTo } from '../auth/return-to';

/*
 * Where the privacy notice's and the accessibility statement's back link goes: the page the
 * patient followed the link from (`?from=`, set by the footer: `noticeHref`). Anyone can put a
 * link to /privacy?from=… anywhere, so the value is checked as sign-in's return address is
 * (`safeReturnTo`): only a path on this site, as the browser will read it. Not a notice itself
 * (two notices would lead back to each other), nor absurdly long. The back link keeps the
 * language the patient reads the notice in, which they may have changed there.
 *
 * Example: /privacy?lang=ar&from=%2Fo%2Fnorthfield%2Fb%2Fcall-dont-fall%3Fformat%3Dleaflet
 * → /o/northfield/b/call-dont-fall?format=leaflet&lang=ar; from=//evil.example → no back link.
 */

const From = z.string().min(1).max(2000);

export function noticeBackLink(url: URL): string | null {
	const from = From.safeParse(url.searchParams.get('from'));
	if (!from.success) return null;
	const path = safeReturnTo(from.data, url.origin);
	if (!path) return null;
	const { pathname } = new URL(path, url.origin);
	if ((noticePaths as readonly string[]).includes(pathname.replace(/\/$/, ''))) return null;
	return withLang(path, url.searchParams.get('lang'));
}
