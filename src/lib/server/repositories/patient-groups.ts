import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { PatientGroup, type PatientGroupInput } from '$lib/domain/patient-group';
import { inTransaction, type Db } from '../db/database';
import type { PatientGroupTable } from '../db/schema';

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
