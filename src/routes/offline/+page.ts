import type { PageLoad } from './$types';

// Built once and precached by the service worker: the page shown for a navigation that has
// neither network nor a cached copy.
export const prerender = true;

/*
 * No client-side app here. The worker serves this page in place of another address (/ward,
 * /b/…), so a hydrating router would try to load that other route's code, fail offline, and
 * reload the address, which brings this page back: a reload loop. Plain HTML and CSS need
 * nothing from the network.
 */
export const csr = false;

export const load: PageLoad = () => ({ titleKey: 'common:offline.title' });
