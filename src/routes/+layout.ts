import type { LayoutLoad } from './$types';
import { loadTranslator } from '$lib/i18n';

export const load: LayoutLoad = async ({ data }) => ({
	...data,
	i18n: await loadTranslator(data.lang)
});
