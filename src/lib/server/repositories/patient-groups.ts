import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { PatientGroup, type PatientGroupInput } from '$lib/domain/patient-group';
import { inTransaction, type Db } from '../db/database';
import type { PatientGroupTable } from '../db/schema';
import { lockFor } from '../db/sql';
import { recordAudit } from './audit';

const JsonArray = z.string().transform((s) => JSON.parse(s) as unknown);

function toPatientGroup(row: Selectable<PatientGroupTable>): PatientGroup {
	// Parsing on the way out too: a row that no longer fits the schema fails loudly here.
	return PatientGroup.parse({
		id: row.id,
		organisationId: row.organisation_id,
		name: row.name,
		description: row.description,
		communicationNeeds: JsonArray.parse(row.communication_needs),
		preferredFormats: JsonArray.parse(row.preferred_formats),
		usualLanguages: JsonArray.parse(row.usual_languages),
		ageBands: JsonArray.parse(row.age_bands),
		archived: row.archived === 1
	});
}

export async function createPatientGroup(
	db: Db,
	organisationId: string,
	input: PatientGroupInput
): Promise<PatientGroup> {
	const id = randomUUID();
	await inTransaction(db, async (trx) => {
		// Two leads at once: the second reads the max after the first commits.
		await lockFor(trx, `patient-group-positions:${organisationId}`);
		const { next } = await trx
			.selectFrom('patient_group')
			.select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('next'))
			.where('organisation_id', '=', organisationId)
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('patient_group')
			.values({
				id,
				organisation_id: organisationId,
				name: input.name,
				description: input.description,
				communication_needs: JSON.stringify(input.communicationNeeds),
				preferred_formats: JSON.stringify(input.preferredFormats),
				usual_languages: JSON.stringify(input.usualLanguages),
				age_bands: JSON.stringify(input.ageBands),
				archived: 0,
				position: Number(next) + 1
			})
			.execute();
	});
	return { ...input, id, organisationId, archived: false };
}

export async function listPatientGroups(
	db: Db,
	organisationId: string,
	{ includeArchived = false } = {}
): Promise<PatientGroup[]> {
	let query = db
		.selectFrom('patient_group')
		.selectAll()
		.where('organisation_id', '=', organisationId);
	if (!includeArchived) query = query.where('archived', '=', 0);
	const rows = await query.orderBy('position').execute();
	return rows.map(toPatientGroup);
}

/** One group, with the revision an edit of it must name (see updatePatientGroup). */
export async function getPatientGroup(
	db: Db,
	organisationId: string,
	id: string
): Promise<(PatientGroup & { revision: number }) | null> {
	const row = await db
		.selectFrom('patient_group')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? { ...toPatientGroup(row), revision: row.revision } : null;
}

/** Whether another group of the organisation already has this name (ignoring case). */
export async function isGroupNameTaken(
	db: Db,
	organisationId: string,
	name: string,
	exceptId?: string
): Promise<boolean> {
	let query = db
		.selectFrom('patient_group')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
	if (exceptId) query = query.where('id', '!=', exceptId);
	return (await query.executeTakeFirst()) !== undefined;
}

/** The fields of `after` that differ from `before`: kept in the audit trail of an edit. */
function changedFields(before: PatientGroupInput, after: PatientGroupInput): string[] {
	return (Object.keys(after) as Array<keyof PatientGroupInput>).filter(
		(key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])
	);
}

/** Creates a group and its audit entry in one transaction. */
export async function createPatientGroupAudited(
	db: Db,
	actor: { id: string; organisationId: string },
	input: PatientGroupInput
): Promise<PatientGroup> {
	return inTransaction(db, async (trx) => {
		const group = await createPatientGroup(trx, actor.organisationId, input);
		await recordAudit(trx, {
			organisationId: actor.organisationId,
			actorId: actor.id,
			action: 'created',
			subjectType: 'patient_group',
			subjectId: group.id,
			detail: { name: group.name }
		});
		return group;
	});
}

/**
 * Saves an edit made from the group's `revision`. Answers 'stale' when the group has changed
 * since (someone else saved first: nothing is overwritten), 'notFound' for another
 * organisation's group and 'unchanged' for no change.
 */
export async function updatePatientGroup(
	db: Db,
	actor: { id: string; organisationId: string },
	id: string,
	input: PatientGroupInput,
	revision: number
): Promise<'saved' | 'unchanged' | 'stale' | 'notFound'> {
	return inTransaction(db, async (trx) => {
		const before = await getPatientGroup(trx, actor.organisationId, id);
		if (!before) return 'notFound';
		if (before.revision !== revision) return 'stale';
		const fields = changedFields(before, input);
		if (fields.length === 0) return 'unchanged';
		// The revision in the WHERE makes the check and the write one step.
		const updated = await trx
			.updateTable('patient_group')
			.set({
				name: input.name,
				description: input.description,
				communication_needs: JSON.stringify(input.communicationNeeds),
				preferred_formats: JSON.stringify(input.preferredFormats),
				usual_languages: JSON.stringify(input.usualLanguages),
				age_bands: JSON.stringify(input.ageBands),
				revision: revision + 1
			})
			.where('id', '=', id)
			.where('organisation_id', '=', actor.organisationId)
			.where('revision', '=', revision)
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) !== 1) return 'stale';
		await recordAudit(trx, {
			organisationId: actor.organisationId,
			actorId: actor.id,
			action: 'edited',
			subjectType: 'patient_group',
			subjectId: id,
			detail: { fields }
		});
		return 'saved';
	});
}

/**
 * Archives (or brings back) a group. An archived group is no longer offered on the ward, but
 * its delivery records keep pointing at it, so it is never deleted.
 */
export async function setPatientGroupArchived(
	db: Db,
	actor: { id: string; organisationId: string },
	id: string,
	archived: boolean
): Promise<'saved' | 'unchanged' | 'notFound'> {
	return inTransaction(db, async (trx) => {
		const before = await getPatientGroup(trx, actor.organisationId, id);
		if (!before) return 'notFound';
		if (before.archived === archived) return 'unchanged';
		await trx
			.updateTable('patient_group')
			.set((eb) => ({ archived: archived ? 1 : 0, revision: eb('revision', '+', 1) }))
			.where('organisation_id', '=', actor.organisationId)
			.where('id', '=', id)
			.execute();
		await recordAudit(trx, {
			organisationId: actor.organisationId,
			actorId: actor.id,
			action: archived ? 'archived' : 'unarchived',
			subjectType: 'patient_group',
			subjectId: id,
			detail: { name: before.name }
		});
		return 'saved';
	});
}
