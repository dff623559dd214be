import type { PageServerLoad } from './$types';
import { noticeBackLink } from '$lib/server/patient-pages/notice-back-link';

/** The way back to the page the patient came from, when the link says so and it is ours. */
export const load: PageServerLoad = ({ url }) => ({ backTo: noticeBackLink(url) });
