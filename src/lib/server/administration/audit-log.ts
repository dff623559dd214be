import { auditIds, isNamedKind, type AuditName } from '$lib/domain/audit-names';
import { pageWindow, pagingOf } from '$lib/domain/pagination';
import type { Db } from '../db/database';
import { auditNames } from './audit-names';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLine {
	id: string;
	at: string;
	actorName: string;
	actorEmail: string;
	action: string;
	subjectType: string;
	subjectId: string;
	/**
	 * The subject's name when its kind has one (a briefing's topic, a version's number and
	 * topic, a ward's name…); null when the organisation has no such thing (since deleted);
	 * undefined when the kind has no name (a delivery record, admissions).
	 */
	subjectName: AuditName | undefined;
	detail: Record<string, unknown>;
}

/** Which of an organisation's audit rows a page lists. */
export interface AuditFilter {
	/** Only what the platform's own accounts did: the platform admin's view of a trust. */
	by?: 'platform';
}

function auditOf(db: Db, organisationId: string, { by }: AuditFilter) {
	return db
		.selectFrom('audit_event as a')
		.where('a.organisation_id', '=', organisationId)
		.$if(by === 'platform', (q) =>
			q.where(
				'a.actor_id',
				'in',
				db
					.selectFrom('staff_account as s')
					.innerJoin('organisation as o', 'o.id', 's.organisation_id')
					.select('s.id')
					.where('o.kind', '=', 'platform')
			)
		);
}

/**
 * One page of the organisation's audit trail, newest first, and how many pages it has: the
 * organisation admin's whole trail, or (`by: 'platform'`) what the platform did to it. A page
 * past the last is the last. With it, the names of the ids its entries hold (`names`, a query
 * a kind, in the organisation only): the stored detail is left as it is.
 */
export async function auditPage(
	db: Db,
	organisationId: string,
	page: number,
	filter: AuditFilter = {}
) {
	const { count } = await auditOf(db, organisationId, filter)
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.executeTakeFirstOrThrow();
	const slice = pageWindow(page, Number(count), AUDIT_PAGE_SIZE);
	const rows = await auditOf(db, organisationId, filter)
		.innerJoin('staff_account as actor', 'actor.id', 'a.actor_id')
		.select([
			'a.id',
			'a.at',
			'a.action',
			'a.subject_type',
			'a.subject_id',
			'a.detail',
			'actor.display_name as actor_name',
			'actor.email as actor_email'
		])
		.orderBy('a.at', 'desc')
		.orderBy('a.id', 'desc')
		.limit(slice.limit)
		.offset(slice.offset)
		.execute();
	const entries = rows.map((r) => ({
		subjectType: r.subject_type,
		subjectId: r.subject_id,
		detail: JSON.parse(r.detail) as Record<string, unknown>
	}));
	const names = await auditNames(db, organisationId, auditIds(entries));
	const lines = rows.map((r, i): AuditLine => {
		const { subjectType, subjectId, detail } = entries[i]!;
		return {
			id: r.id,
			at: r.at,
			actorName: r.actor_name,
			actorEmail: r.actor_email,
			action: r.action,
			subjectType,
			subjectId,
			subjectName: isNamedKind(subjectType) ? names[subjectType]?.[subjectId] : undefined,
			detail
		};
	});
	return { lines, names, ...pagingOf(slice, lines.length) };
}
