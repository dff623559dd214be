import type { PageServerLoad } from './$types';
import { parseQuery } from '$lib/server/http/parse-query';
import { reviewState } from '$lib/domain/briefing';
import { PageQuery, pageWindow, pagingOf } from '$lib/domain/pagination';
import { mayEditContent, mayReview } from '$lib/domain/staff';
import { maySeeRecords } from '$lib/domain/measurement/disclosure';
import { requirePageRole } from '$lib/server/auth/guard';
import { countBriefings, listBriefings } from '$lib/server/repositories/briefings';
import { reviewDue } from '$lib/server/repositories/briefing-versions';
import { awaitingReview } from '$lib/server/repositories/content-governance';
import { organisationToday } from '$lib/server/repositories/organisations';
import { listPatientGroups } from '$lib/server/repositories/patient-groups';

/** Briefings a page: the list is paged; what is due for review is always listed whole. */
const PER_PAGE = 25;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePageRole(locals.user, 'studio', url);
	const db = locals.app.db;
	const today = await organisationToday(db, user.organisationId);
	const total = await countBriefings(db, user.organisationId);
	const slice = pageWindow(parseQuery(url, PageQuery).page, total, PER_PAGE);
	const [groups, briefings, due, waiting] = await Promise.all([
		listPatientGroups(db, user.organisationId),
		listBriefings(db, user.organisationId, slice),
		reviewDue(db, user.organisationId, today),
		awaitingReview(db, user.organisationId)
	]);
	return {
		titleKey: 'studio:title',
		// Reviewers read the studio but may not import content: no link to a page that refuses them.
		mayEditContent: mayEditContent(user.role),
		// Records and patients' comments are record-level: the lead's (and admin's) only.
		maySeeRecords: maySeeRecords(user.role),
		// A reviewer's work list comes first on their studio home.
		forReviewer: mayReview(user.role) && !mayEditContent(user.role),
		groups,
		due,
		waiting,
		paging: pagingOf(slice, briefings.length),
		briefings: briefings.map((b) => ({
			...b,
			review: b.latestVersion ? reviewState(b.latestVersion.reviewBy, today) : null
		}))
	};
};
