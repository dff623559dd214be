import type { LayoutLoad } from './$types';
import { createTranslator } from '$lib/i18n';

export const load: LayoutLoad = ({ data }) => ({
	...data,
	i18n: createTranslator(data.lang, data.resources, data.fallbackResources)
});
