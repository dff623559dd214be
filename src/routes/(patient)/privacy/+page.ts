import type { PageLoad } from './$types';

export const load: PageLoad = () => ({ titleKey: 'patient:privacy.title' });
