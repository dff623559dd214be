import type { LayoutLoad } from './$types';
import { withAreaTranslator } from '$lib/i18n/area-load';

// Patient pages are server-rendered HTML and never hydrate: no framework JavaScript on a
// patient's phone. One small script (src/lib/patient/enhance.ts) adds what needs JavaScript.
export const csr = false;

export const load: LayoutLoad = ({ data, parent }) => withAreaTranslator(data, parent);
