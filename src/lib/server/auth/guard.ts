import { error, redirect } from '@sveltejs/kit';
import { mayUse, type Area, type StaffAccount } from '$lib/domain/staff';
import { markRefused } from '$lib/server/operations/log';

/** 403, and the refusal marked for the request's log line (access.refused), however answered. */
export function forbidden(): never {
	markRefused();
	error(403, { message: 'forbidden' });
}

/** Which area a (decoded) path belongs to; the server checks the role for every request to it. */
export function areaOf(pathname: string): Area | null {
	for (const area of ['studio', 'ward', 'admin', 'platform', 'region'] as const)
		if (pathname === `/${area}` || pathname.startsWith(`/${area}/`)) return area;
	return null;
}

/**
 * The area of a request, as the router sees it: SvelteKit decodes the path before matching, so
 * `/%73tudio/groups/new` runs the studio's route; read raw, it would be no area and pass the
 * hook's role check. The matched route (its id without its `(group)` segments) decides; with no
 * route matched, the path decoded as SvelteKit decodes it (every escape but `%25`, '%').
 */
export function areaOfRequest(routeId: string | null, pathname: string): Area | null {
	if (routeId) return areaOf(routeId.replace(/\/\([^/]*\)/g, '') || '/');
	return areaOf(decodedPath(pathname));
}

function decodedPath(pathname: string): string {
	try {
		return pathname.split('%25').map(decodeURI).join('%25');
	} catch {
		return pathname; // malformed escapes: SvelteKit answers 400 before any route runs
	}
}

export function signInRedirect(url: URL): never {
	redirect(303, `/sign-in?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** For pages: no session → sign in (and come back); wrong role → 403. */
export function requirePageRole(user: StaffAccount | null, area: Area, url: URL): StaffAccount {
	if (!user) signInRedirect(url);
	if (!mayUse(area, user.role)) forbidden();
	return user;
}

/** For the API: no session → 401; wrong role → 403. Answers are JSON. */
export function requireApiRole(user: StaffAccount | null, area: Area): StaffAccount {
	if (!user) error(401, { message: 'signInRequired' });
	if (!mayUse(area, user.role)) forbidden();
	return user;
}
