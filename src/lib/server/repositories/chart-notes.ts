import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
	ChartKind,
	defaultChartSettings,
	type AnnotationForm,
	type ChartSettings
} from '$lib/domain/measurement/aim';
import type { MeasureId } from '$lib/domain/measurement/measures';
import type { StaffAccount } from '$lib/domain/staff';
import { inTransaction, type Db } from '../db/database';
import { recordAudit } from './audit';

/* How the lead charts the measures: PDSA annotations and per-measure chart settings. */

const IdList = z.array(z.string());

export interface Annotation {
	id: string;
	onDate: string;
	text: string;
	wardId: string | null;
}

export async function addAnnotation(
	db: Db,
	account: StaffAccount,
	annotation: AnnotationForm,
	now = new Date()
): Promise<'saved' | 'unknownWard'> {
	return inTransaction(db, async (trx) => {
		if (annotation.wardId) {
			const ward = await trx
				.selectFrom('ward')
				.select('id')
				.where('id', '=', annotation.wardId)
				.where('organisation_id', '=', account.organisationId)
				.executeTakeFirst();
			if (!ward) return 'unknownWard';
		}
		const id = randomUUID();
		await trx
			.insertInto('measure_annotation')
			.values({
				id,
				organisation_id: account.organisationId,
				on_date: annotation.onDate,
				text: annotation.text,
				ward_id: annotation.wardId,
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
				subjectType: 'measure_annotation',
				subjectId: id,
				detail: { onDate: annotation.onDate }
			},
			now
		);
		return 'saved';
	});
}

/** Annotations for the whole organisation, plus those of one ward when a ward is chosen. */
export async function listAnnotations(
	db: Db,
	organisationId: string,
	wardId?: string
): Promise<Annotation[]> {
	let query = db
		.selectFrom('measure_annotation')
		.select(['id', 'on_date', 'text', 'ward_id'])
		.where('organisation_id', '=', organisationId);
	query = wardId
		? query.where((eb) => eb.or([eb('ward_id', 'is', null), eb('ward_id', '=', wardId)]))
		: query;
	const rows = await query.orderBy('on_date').execute();
	return rows.map((r) => ({ id: r.id, onDate: r.on_date, text: r.text, wardId: r.ward_id }));
}

export async function chartSettings(
	db: Db,
	organisationId: string
): Promise<Partial<Record<MeasureId, ChartSettings>>> {
	const rows = await db
		.selectFrom('measure_setting')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.execute();
	return Object.fromEntries(
		rows.map((r) => [
			r.measure,
			{
				chart: ChartKind.parse(r.chart),
				baselinePoints: r.baseline_points,
				rebaseAt: IdList.parse(JSON.parse(r.rebase_at))
			}
		])
	);
}

export async function settingsFor(db: Db, organisationId: string, measure: MeasureId) {
	return (await chartSettings(db, organisationId))[measure] ?? defaultChartSettings;
}

export async function saveChartSettings(
	db: Db,
	account: StaffAccount,
	measure: MeasureId,
	settings: ChartSettings,
	now = new Date()
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const values = {
			chart: settings.chart,
			baseline_points: settings.baselinePoints,
			rebase_at: JSON.stringify(settings.rebaseAt),
			updated_at: now.toISOString()
		};
		await trx
			.insertInto('measure_setting')
			.values({ organisation_id: account.organisationId, measure, ...values })
			.onConflict((oc) => oc.columns(['organisation_id', 'measure']).doUpdateSet(values))
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: account.organisationId,
				actorId: account.id,
				action: 'edited',
				subjectType: 'measure_setting',
				subjectId: measure,
				detail: { ...settings }
			},
			now
		);
	});
}
