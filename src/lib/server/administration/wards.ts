import { randomUUID } from 'node:crypto';
import type { WardForm } from '$lib/domain/administration';
import { inTransaction, type Db } from '../db/database';
import { recordAudit } from '../repositories/audit';
import type { Admin } from './staff';

/*
 * Wards and sites, as the organisation admin keeps them. A ward is never deleted: retiring it
 * takes it out of the pickers and stops new records for it, and every record keeps its ward.
 */

export interface WardRow {
	id: string;
	name: string;
	specialty: string;
	/** The code the hospital's PAS uses (upper case), unique in the organisation. */
	code: string | null;
	site: string;
	retiredAt: string | null;
}

export async function listWardRows(db: Db, organisationId: string): Promise<WardRow[]> {
	const rows = await db
		.selectFrom('ward')
		.select(['id', 'name', 'specialty', 'code', 'site', 'retired_at'])
		.where('organisation_id', '=', organisationId)
		.orderBy('name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		specialty: r.specialty,
		code: r.code,
		site: r.site,
		retiredAt: r.retired_at
	}));
}

export async function getWardRow(db: Db, organisationId: string, id: string) {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	return (await listWardRows(db, organisationId)).find((w) => w.id === id) ?? null;
}

/** Ids of the organisation's wards that take new records (not retired). */
export async function activeWardIds(db: Db, organisationId: string): Promise<Set<string>> {
	const rows = await db
		.selectFrom('ward')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.where('retired_at', 'is', null)
		.execute();
	return new Set(rows.map((r) => r.id));
}

export type WardResult =
	| { ok: true; id: string }
	| { ok: false; field: 'name' | 'code'; message: string }
	| { ok: false; field: 'notFound' };

async function clash(db: Db, organisationId: string, input: WardForm, exceptId: string | null) {
	const others = (await listWardRows(db, organisationId)).filter((w) => w.id !== exceptId);
	if (others.some((w) => w.name.toLowerCase() === input.name.toLowerCase()))
		return {
			ok: false as const,
			field: 'name' as const,
			message: 'administration.errors.wardNameTaken'
		};
	if (input.code && others.some((w) => w.code === input.code))
		return {
			ok: false as const,
			field: 'code' as const,
			message: 'administration.errors.codeTaken'
		};
	return null;
}

const wardFacts = (w: Pick<WardRow, 'name' | 'specialty' | 'code' | 'site'>) => ({
	name: w.name,
	specialty: w.specialty,
	code: w.code,
	site: w.site
});

export async function addWard(
	db: Db,
	admin: Admin,
	input: WardForm,
	now = new Date()
): Promise<WardResult> {
	return inTransaction(db, async (trx) => {
		const refused = await clash(trx, admin.organisationId, input, null);
		if (refused) return refused;
		const id = randomUUID();
		await trx
			.insertInto('ward')
			.values({ id, organisation_id: admin.organisationId, ...wardFacts(input), retired_at: null })
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: admin.organisationId,
				actorId: admin.id,
				action: 'ward.added',
				subjectType: 'ward',
				subjectId: id,
				detail: { after: wardFacts(input) }
			},
			now
		);
		return { ok: true, id };
	});
}

export async function editWard(
	db: Db,
	admin: Admin,
	id: string,
	input: WardForm,
	now = new Date()
): Promise<WardResult> {
	return inTransaction(db, async (trx) => {
		const before = await getWardRow(trx, admin.organisationId, id);
		if (!before) return { ok: false, field: 'notFound' };
		const refused = await clash(trx, admin.organisationId, input, id);
		if (refused) return refused;
		await trx
			.updateTable('ward')
			.set(wardFacts(input))
			.where('organisation_id', '=', admin.organisationId)
			.where('id', '=', id)
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: admin.organisationId,
				actorId: admin.id,
				action: 'ward.edited',
				subjectType: 'ward',
				subjectId: id,
				detail: { before: wardFacts(before), after: wardFacts(input) }
			},
			now
		);
		return { ok: true, id };
	});
}

/** Retires a ward (or brings it back); false when it is not the organisation's. */
export async function setWardRetired(
	db: Db,
	admin: Admin,
	id: string,
	retired: boolean,
	now = new Date()
): Promise<boolean> {
	return inTransaction(db, async (trx) => {
		const before = await getWardRow(trx, admin.organisationId, id);
		if (!before) return false;
		if ((before.retiredAt !== null) === retired) return true;
		const retiredAt = retired ? now.toISOString() : null;
		await trx
			.updateTable('ward')
			.set({ retired_at: retiredAt })
			.where('organisation_id', '=', admin.organisationId)
			.where('id', '=', id)
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: admin.organisationId,
				actorId: admin.id,
				action: retired ? 'ward.retired' : 'ward.reinstated',
				subjectType: 'ward',
				subjectId: id,
				detail: { before: { retiredAt: before.retiredAt }, after: { retiredAt } }
			},
			now
		);
		return true;
	});
}
