import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** Aims are listed on the measurement home. */
export const load: PageServerLoad = () => {
	redirect(303, '/studio/measurement#aims-heading');
};
