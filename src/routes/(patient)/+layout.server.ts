import type { LayoutServerLoad } from './$types';
import { areaStrings } from '$lib/server/locales';

/** A patient page's strings, rendered on the server only (the pages do not hydrate). */
export const load: LayoutServerLoad = ({ locals }) => areaStrings(locals.lang, 'patient');
