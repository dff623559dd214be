import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
	aimOutcomes,
	type AimClosed,
	type AimForm,
	type AimOutcome
} from '$lib/domain/measurement/aim';
import { mayEditContent, type StaffAccount } from '$lib/domain/staff';
import { inTransaction, type Db } from '../db/database';
import type { AimTable } from '../db/schema';
import { recordAudit } from './audit';
import { organisationToday } from './organisations';

/*
 * Aims: written, corrected, closed and reopened by whoever may write content (mayEditContent),
 * only within their own organisation, every change audited. An aim is never deleted: a closed
 * one stays readable with its board report, and its wards or groups stay in the joint
 * disclosure table (measurement/joint-disclosure.ts), so closing it changes no hidden cell.
 */

const IdList = z.array(z.string());
const Outcome = z.enum(aimOutcomes);

export interface StoredAim extends AimForm {
	id: string;
	createdAt: string;
	closed: AimClosed;
}

export type AimChange = 'saved' | 'notFound' | 'notAllowed';

type AimRow = Pick<
	AimTable,
	| 'id'
	| 'title'
	| 'measure'
	| 'target'
	| 'ward_ids'
	| 'patient_group_ids'
	| 'due_by'
	| 'created_at'
	| 'closed_outcome'
	| 'closed_on'
>;

function toAim(r: AimRow): StoredAim {
	return {
		id: r.id,
		title: r.title,
		measure: r.measure as AimForm['measure'],
		target: r.target,
		dueBy: r.due_by,
		wardIds: IdList.parse(JSON.parse(r.ward_ids)),
		patientGroupIds: IdList.parse(JSON.parse(r.patient_group_ids)),
		createdAt: r.created_at,
		closed:
			r.closed_outcome && r.closed_on
				? { outcome: Outcome.parse(r.closed_outcome), on: r.closed_on }
				: null
	};
}

/** What the audit trail keeps of an aim before and after a change. */
const factsOf = (aim: AimForm) => ({
	title: aim.title,
	measure: aim.measure,
	target: aim.target,
	dueBy: aim.dueBy,
	wardIds: aim.wardIds,
	patientGroupIds: aim.patientGroupIds
});

export async function createAim(db: Db, account: StaffAccount, aim: AimForm, now = new Date()) {
	const id = randomUUID();
	await inTransaction(db, async (trx) => {
		await trx
			.insertInto('aim')
			.values({
				id,
				organisation_id: account.organisationId,
				title: aim.title,
				measure: aim.measure,
				target: aim.target,
				ward_ids: JSON.stringify(aim.wardIds),
				patient_group_ids: JSON.stringify(aim.patientGroupIds),
				due_by: aim.dueBy,
				created_by: account.id,
				created_at: now.toISOString()
			})
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: account.organisationId,
				actorId: account.id,
				action: 'created',
				subjectType: 'aim',
				subjectId: id,
				detail: { measure: aim.measure, target: aim.target, dueBy: aim.dueBy }
			},
			now
		);
	});
	return id;
}

/** Every aim of the organisation, current and closed, soonest due first. */
export async function listAims(db: Db, organisationId: string): Promise<StoredAim[]> {
	const rows = await db
		.selectFrom('aim')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.orderBy('due_by')
		.orderBy('created_at')
		.execute();
	return rows.map(toAim);
}

/** One of the organisation's aims; null when there is none of that id in it. */
export async function getAim(db: Db, organisationId: string, id: string) {
	const row = await db
		.selectFrom('aim')
		.selectAll()
		.where('id', '=', id)
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	return row ? toAim(row) : null;
}

/** Corrects an aim's fields (the same as creating it); its charts and reports follow. */
export async function editAim(
	db: Db,
	account: StaffAccount,
	id: string,
	aim: AimForm,
	now = new Date()
): Promise<AimChange> {
	if (!mayEditContent(account.role)) return 'notAllowed';
	return inTransaction(db, async (trx) => {
		const before = await getAim(trx, account.organisationId, id);
		if (!before) return 'notFound';
		await trx
			.updateTable('aim')
			.set({
				title: aim.title,
				measure: aim.measure,
				target: aim.target,
				ward_ids: JSON.stringify(aim.wardIds),
				patient_group_ids: JSON.stringify(aim.patientGroupIds),
				due_by: aim.dueBy
			})
			.where('id', '=', id)
			.where('organisation_id', '=', account.organisationId)
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: account.organisationId,
				actorId: account.id,
				action: 'edited',
				subjectType: 'aim',
				subjectId: id,
				detail: { before: factsOf(before), after: factsOf(aim) }
			},
			now
		);
		return 'saved';
	});
}

/**
 * Closes a current aim as achieved or stopped, on the organisation's today; or (outcome null)
 * reopens a closed one. Closing a closed aim, or reopening a current one, changes nothing.
 */
export async function setAimClosed(
	db: Db,
	account: StaffAccount,
	id: string,
	outcome: AimOutcome | null,
	now = new Date()
): Promise<AimChange> {
	if (!mayEditContent(account.role)) return 'notAllowed';
	const today = await organisationToday(db, account.organisationId, now);
	return inTransaction(db, async (trx) => {
		const aim = await getAim(trx, account.organisationId, id);
		if (!aim) return 'notFound';
		if ((aim.closed === null) === (outcome === null)) return 'saved';
		await trx
			.updateTable('aim')
			.set({ closed_outcome: outcome, closed_on: outcome ? today : null })
			.where('id', '=', id)
			.where('organisation_id', '=', account.organisationId)
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: account.organisationId,
				actorId: account.id,
				action: outcome ? 'closed' : 'reopened',
				subjectType: 'aim',
				subjectId: id,
				detail: outcome ? { outcome, on: today } : { was: aim.closed }
			},
			now
		);
		return 'saved';
	});
}
