import type { PageLoad } from './$types';

// Built once and precached by the service worker: the page shown for a navigation that has
// neither network nor a cached copy.
export const prerender = true;

export const load: PageLoad = () => ({ titleKey: 'common:offline.title' });
