import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
	ChartKind,
	defaultChartSettings,
	type AnnotationForm,
	type ChartSettings
} from '$lib/domain/measurement/aim';
import type { MeasureId } from '$lib/domain/measurement/measures';
import { mayEditContent, type StaffAccount } from '$lib/domain/staff';
import { inTransaction, type Db } from '../db/database';
import { recordAudit } from './audit';

/*
 * How the lead charts the measures: PDSA annotations and per-measure chart settings.
 *
 * A note (annotation) may be corrected and removed by whoever may write content, within their
 * own organisation, audited. A lesson shared with the library (library/lessons.ts) keeps its
 * own copy of the note's date and words, and its figures were counted around that date when it
 * was shared: correcting the note leaves the lesson as it was shared. Removing a note a lesson
 * names is refused until the lesson is taken back, so the library never tells others of a
 * change the organisation's own charts no longer show (and the lesson's reference stays whole).
 */

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
		if (annotation.wardId && !(await ownWard(trx, account.organisationId, annotation.wardId)))
			return 'unknownWard';
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

export type AnnotationChange = 'saved' | 'notFound' | 'unknownWard' | 'notAllowed';
export type AnnotationRemoval = 'removed' | 'notFound' | 'notAllowed' | 'inLesson';

/** What the audit trail keeps of a note before and after a change. */
const factsOf = (a: { onDate: string; text: string; wardId: string | null }) => ({
	onDate: a.onDate,
	text: a.text,
	wardId: a.wardId
});

/** One of the organisation's notes; null when there is none of that id in it. */
export async function getAnnotation(
	db: Db,
	organisationId: string,
	id: string
): Promise<Annotation | null> {
	const r = await db
		.selectFrom('measure_annotation')
		.select(['id', 'on_date', 'text', 'ward_id'])
		.where('id', '=', id)
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	return r ? { id: r.id, onDate: r.on_date, text: r.text, wardId: r.ward_id } : null;
}

/** The library items whose lessons, shared by this organisation, name the note. */
export async function lessonsOfAnnotation(db: Db, organisationId: string, id: string) {
	return db
		.selectFrom('library_lesson as l')
		.innerJoin('library_item as i', 'i.id', 'l.library_item_id')
		.select(['i.id as itemId', 'i.topic'])
		.where('l.annotation_id', '=', id)
		.where('l.organisation_id', '=', organisationId)
		.orderBy('i.topic')
		.execute();
}

export async function editAnnotation(
	db: Db,
	account: StaffAccount,
	id: string,
	annotation: AnnotationForm,
	now = new Date()
): Promise<AnnotationChange> {
	if (!mayEditContent(account.role)) return 'notAllowed';
	return inTransaction(db, async (trx) => {
		const before = await getAnnotation(trx, account.organisationId, id);
		if (!before) return 'notFound';
		if (annotation.wardId && !(await ownWard(trx, account.organisationId, annotation.wardId)))
			return 'unknownWard';
		await trx
			.updateTable('measure_annotation')
			.set({ on_date: annotation.onDate, text: annotation.text, ward_id: annotation.wardId })
			.where('id', '=', id)
			.where('organisation_id', '=', account.organisationId)
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: account.organisationId,
				actorId: account.id,
				action: 'edited',
				subjectType: 'measure_annotation',
				subjectId: id,
				detail: { before: factsOf(before), after: factsOf(annotation) }
			},
			now
		);
		return 'saved';
	});
}

/** Takes a note off every chart; refused while a lesson shared with the library names it. */
export async function removeAnnotation(
	db: Db,
	account: StaffAccount,
	id: string,
	now = new Date()
): Promise<AnnotationRemoval> {
	if (!mayEditContent(account.role)) return 'notAllowed';
	return inTransaction(db, async (trx) => {
		const before = await getAnnotation(trx, account.organisationId, id);
		if (!before) return 'notFound';
		// Only the organisation's own lessons can name its note (shareLesson); its foreign key
		// refuses the delete anyway should one be shared in between.
		const lesson = await trx
			.selectFrom('library_lesson')
			.select('id')
			.where('annotation_id', '=', id)
			.where('organisation_id', '=', account.organisationId)
			.executeTakeFirst();
		if (lesson) return 'inLesson';
		await trx
			.deleteFrom('measure_annotation')
			.where('id', '=', id)
			.where('organisation_id', '=', account.organisationId)
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: account.organisationId,
				actorId: account.id,
				action: 'removed',
				subjectType: 'measure_annotation',
				subjectId: id,
				detail: { before: factsOf(before) }
			},
			now
		);
		return 'removed';
	});
}

async function ownWard(db: Db, organisationId: string, wardId: string) {
	const ward = await db
		.selectFrom('ward')
		.select('id')
		.where('id', '=', wardId)
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	return ward !== undefined;
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
