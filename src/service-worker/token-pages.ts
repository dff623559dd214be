import type { WorkboxPlugin } from 'workbox-core';
import { carriesToken, withoutToken } from '$lib/domain/link-token';

/*
 * A patient's QR link holds a token (domain/link-token.ts). A page kept under such an address,
 * or kept from it (its HTML holds the token too), would keep the token on the phone long after
 * the tab has gone; so the pages cache never keeps one, and offline the address finds the page
 * kept without the token (the page's script keeps the token for the tab).
 */

/** For the pages' strategy: keyed without `t`; never kept from a token's address. */
export const keptWithoutToken: WorkboxPlugin = {
	cacheKeyWillBeUsed: async ({ request }) => withoutToken(request.url),
	// Otherwise as Workbox's default for NetworkFirst (which this replaces): a 200, or opaque.
	cacheWillUpdate: async ({ request, response }) =>
		!carriesToken(new URL(request.url)) && (response.status === 200 || response.status === 0)
			? response
			: null
};

/** Forgets the pages an earlier worker kept under a token's address; how many it forgot. */
export async function forgetPagesWithTokens(
	cache: Pick<Cache, 'keys' | 'delete'>
): Promise<number> {
	let forgotten = 0;
	for (const request of await cache.keys())
		if (carriesToken(new URL(request.url)) && (await cache.delete(request))) forgotten++;
	return forgotten;
}
