import { pageWindow, pagingOf } from '$lib/domain/pagination';
import type { Db } from '../db/database';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLine {
	id: string;
	at: string;
	actorName: string;
	actorEmail: string;
	action: string;
	subjectType: string;
	/** The staff member's or ward's name when the subject is one, else null. */
	subjectName: string | null;
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
 * past the last is the last.
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
		.leftJoin('staff_account as person', (j) =>
			j.onRef('person.id', '=', 'a.subject_id').on('a.subject_type', '=', 'staff_account')
		)
		.leftJoin('ward', (j) =>
			j.onRef('ward.id', '=', 'a.subject_id').on('a.subject_type', '=', 'ward')
		)
		.select([
			'a.id',
			'a.at',
			'a.action',
			'a.subject_type',
			'a.detail',
			'actor.display_name as actor_name',
			'actor.email as actor_email',
			'person.display_name as person_name',
			'ward.name as ward_name'
		])
		.orderBy('a.at', 'desc')
		.orderBy('a.id', 'desc')
		.limit(slice.limit)
		.offset(slice.offset)
		.execute();
	const lines = rows.map((r): AuditLine => ({
		id: r.id,
		at: r.at,
		actorName: r.actor_name,
		actorEmail: r.actor_email,
		action: r.action,
		subjectType: r.subject_type,
		subjectName: r.person_name ?? r.ward_name ?? null,
		detail: JSON.parse(r.detail) as Record<string, unknown>
	}));
	return { lines, ...pagingOf(slice, lines.length) };
}
