import type { LayoutLoad } from './$types';
import { withAreaTranslator } from '$lib/i18n/area-load';

export const load: LayoutLoad = ({ data, parent }) => withAreaTranslator(data, parent);
