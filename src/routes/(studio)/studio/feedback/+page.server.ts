import type { PageServerLoad } from './$types';
import { parseQuery } from '$lib/server/http/parse-query';
import { PageQuery, pageWindow, pagingOf } from '$lib/domain/pagination';
import { mayEditContent } from '$lib/domain/staff';
import { forbidden, requirePageRole } from '$lib/server/auth/guard';
import { countFeedback, listRecentFeedback } from '$lib/server/repositories/feedback';

/** Responses a page; the pages reach back to the oldest that the retention settings keep. */
const PER_PAGE = 50;

/** Patients' feedback with its free text: for engagement leads (and admins) only. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	if (!mayEditContent(user.role)) forbidden();
	const db = locals.app.db;
	// Only responses with a comment: the checkbox's one value; anything else shows them all.
	const withComments = url.searchParams.get('comments') === '1';
	const total = await countFeedback(db, user.organisationId, { withComments });
	const slice = pageWindow(parseQuery(url, PageQuery).page, total, PER_PAGE);
	const feedback = await listRecentFeedback(db, user.organisationId, { ...slice, withComments });
	return {
		titleKey: 'studio:feedback.title',
		withComments,
		paging: pagingOf(slice, feedback.length),
		feedback
	};
};
