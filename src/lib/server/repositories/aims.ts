import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AimForm } from '$lib/domain/measurement/aim';
import type { StaffAccount } from '$lib/domain/staff';
import { inTransaction, type Db } from '../db/database';
import { recordAudit } from './audit';

const IdList = z.array(z.string());

export interface StoredAim extends AimForm {
	id: string;
	createdAt: string;
}

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

export async function listAims(db: Db, organisationId: string): Promise<StoredAim[]> {
	const rows = await db
		.selectFrom('aim')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.orderBy('due_by')
		.orderBy('created_at')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		measure: r.measure as AimForm['measure'],
		target: r.target,
		dueBy: r.due_by,
		wardIds: IdList.parse(JSON.parse(r.ward_ids)),
		patientGroupIds: IdList.parse(JSON.parse(r.patient_group_ids)),
		createdAt: r.created_at
	}));
}
