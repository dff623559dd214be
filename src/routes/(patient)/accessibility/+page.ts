import type { PageLoad } from './$types';

export const load: PageLoad = ({ data }) => ({ ...data, titleKey: 'patient:accessibility.title' });
