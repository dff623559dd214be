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

/** One page of the organisation's audit trail, newest first, and how many pages it has. */
export async function auditPage(db: Db, organisationId: string, page: number) {
	const { count } = await db
		.selectFrom('audit_event')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('organisation_id', '=', organisationId)
		.executeTakeFirstOrThrow();
	const pages = Math.max(1, Math.ceil(Number(count) / AUDIT_PAGE_SIZE));
	const current = Math.min(Math.max(1, page), pages);
	const rows = await db
		.selectFrom('audit_event as a')
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
		.where('a.organisation_id', '=', organisationId)
		.orderBy('a.at', 'desc')
		.orderBy('a.id', 'desc')
		.limit(AUDIT_PAGE_SIZE)
		.offset((current - 1) * AUDIT_PAGE_SIZE)
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
	return { lines, page: current, pages, total: Number(count) };
}
