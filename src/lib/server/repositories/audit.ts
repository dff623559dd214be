import { randomUUID } from 'node:crypto';
import type { AuditAction } from '$lib/domain/audit-action';
import {
	unlistedDetailKeys,
	type AuditFacts,
	type AuditSubjectType
} from '$lib/domain/audit-detail';
import type { Db } from '../db/database';
import { logger, securityEvent } from '../operations/log';

export interface AuditEntry {
	organisationId: string;
	actorId: string;
	action: AuditAction;
	subjectType: AuditSubjectType;
	subjectId: string;
	/**
	 * A few facts worth keeping, e.g. the version number or the fields changed: each key one
	 * that the admin's audit page has words for (auditDetailKeys, domain/audit-detail.ts), which
	 * the type checker holds the code to; recordAudit checks keys known only at run time.
	 */
	detail?: AuditFacts;
}

export interface AuditEvent extends Required<Omit<AuditEntry, 'action' | 'subjectType'>> {
	/** As stored: an older row may hold an action or subject type no longer written. */
	action: string;
	subjectType: string;
	id: string;
	actorName: string;
	at: string;
}

/**
 * Adds one row to the audit trail; call it inside the transaction that makes the change. The
 * server's log gets an `audit` security event too (action and ids; the detail stays in the
 * database), written once the row is: a change rolled back after it may leave the line.
 */
export async function recordAudit(db: Db, entry: AuditEntry, now = new Date()): Promise<void> {
	const unlisted = unlistedDetailKeys(entry.detail);
	// A key without words would show on the admin's page as stored. AuditFacts keeps them out
	// of the code; one that comes in at run time (a diff's keys) fails the write under test
	// (every audited step has a test); in service, the change is not refused for it, and the
	// log says so.
	if (unlisted.length) {
		if (process.env.VITEST)
			throw new Error(`Audit detail keys not in auditDetailKeys: ${unlisted.join(', ')}`);
		logger.warn({ action: entry.action, keys: unlisted }, 'audit detail keys without words');
	}
	await db
		.insertInto('audit_event')
		.values({
			id: randomUUID(),
			organisation_id: entry.organisationId,
			actor_id: entry.actorId,
			action: entry.action,
			subject_type: entry.subjectType,
			subject_id: entry.subjectId,
			detail: JSON.stringify(entry.detail ?? {}),
			at: now.toISOString()
		})
		.execute();
	securityEvent('audit', {
		action: entry.action,
		organisationId: entry.organisationId,
		accountId: entry.actorId,
		subjectType: entry.subjectType,
		subjectId: entry.subjectId
	});
}

/** The organisation's audit trail, newest first; optionally for one subject only. */
export async function listAudit(
	db: Db,
	organisationId: string,
	options: { subjectType?: string; subjectId?: string; limit?: number } = {}
): Promise<AuditEvent[]> {
	let query = db
		.selectFrom('audit_event')
		.innerJoin('staff_account', 'staff_account.id', 'audit_event.actor_id')
		.select([
			'audit_event.id',
			'audit_event.organisation_id',
			'audit_event.actor_id',
			'staff_account.display_name',
			'audit_event.action',
			'audit_event.subject_type',
			'audit_event.subject_id',
			'audit_event.detail',
			'audit_event.at'
		])
		.where('audit_event.organisation_id', '=', organisationId);
	if (options.subjectType)
		query = query.where('audit_event.subject_type', '=', options.subjectType);
	if (options.subjectId) query = query.where('audit_event.subject_id', '=', options.subjectId);
	const rows = await query
		.orderBy('audit_event.at', 'desc')
		.orderBy('audit_event.id')
		.limit(options.limit ?? 200)
		.execute();
	return rows.map((row) => ({
		id: row.id,
		organisationId: row.organisation_id,
		actorId: row.actor_id,
		actorName: row.display_name,
		action: row.action,
		subjectType: row.subject_type,
		subjectId: row.subject_id,
		detail: JSON.parse(row.detail) as Record<string, unknown>,
		at: row.at
	}));
}
