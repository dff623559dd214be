import { error } from '@sveltejs/kit';
import type { EntryGenerator, PageLoad } from './$types';
import { isPatientLanguage, patientLanguages } from '$lib/domain/language';

/*
 * Built once per patient page language (the staff languages among them) and precached by the
 * service worker: the page shown for a navigation that has neither network nor a cached copy,
 * in the reader's language (service-worker/offline-page.ts picks which).
 */
export const prerender = true;
export const entries: EntryGenerator = () => patientLanguages.map((lang) => ({ lang }));

/*
 * No client-side app here. The worker serves this page in place of another address (/ward,
 * /b/…), so a hydrating router would try to load that other route's code, fail offline, and
 * reload the address, which brings this page back: a reload loop. Plain HTML and CSS need
 * nothing from the network.
 */
export const csr = false;

export const load: PageLoad = ({ params }) => {
	if (!isPatientLanguage(params.lang)) error(404, { message: 'notFound' });
	return { titleKey: 'common:offline.title' };
};
