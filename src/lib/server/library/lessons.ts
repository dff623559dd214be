import { randomUUID } from 'node:crypto';
import { discloseLessonCount, type ShownLessonCount } from '$lib/domain/library/lesson-figures';
import type { LessonForm } from '$lib/domain/library/library';
import type { MeasureId, MeasurePoint } from '$lib/domain/measurement/measures';
import { weekStartOf } from '$lib/domain/measurement/period';
import type { StaffAccount } from '$lib/domain/staff';
import { inTransaction, type Db } from '../db/database';
import { isUniqueViolation } from '../db/sql';
import { recordAudit } from '../repositories/audit';
import { measureSeries } from '../repositories/measurement';
import { organisationToday } from '../repositories/organisations';

/*
 * Lessons with the content (issue 19, part 2). A lead attaches one of their organisation's chart
 * annotations (a PDSA cycle: "what we tried") to a library item, says what happened, and picks a
 * measure: the figures are that measure over the whole organisation for the `weeks` whole weeks
 * before the annotation's week and the `weeks` from it on, summed, counted now and frozen with
 * the lesson. Every other organisation reads them through disclosure control.
 *
 * Example: an annotation on 2026-09-14 "Card given with the film", 8 weeks, talked through:
 * before = the weeks of 20 July to 7 September, after = 14 September to 2 November.
 */

type Actor = Pick<StaffAccount, 'id' | 'organisationId'>;

export type ShareLessonResult =
	{ ok: true } | { ok: false; reason: 'notFound' | 'unknownAnnotation' | 'alreadyShared' };

function sum(points: MeasurePoint[]) {
	const numerator = points.reduce((n, p) => n + p.numerator, 0);
	const denominators = points.map((p) => p.denominator);
	const denominator = denominators.every((d) => d === null)
		? null
		: denominators.reduce<number>((n, d) => n + (d ?? 0), 0);
	return { numerator, denominator };
}

/** The measure's figures before and after a day, over the given number of whole weeks. */
export function beforeAndAfter(points: MeasurePoint[], onDate: string, weeks: number) {
	const week = weekStartOf(onDate);
	const complete = points.filter((p) => !p.inProgress);
	return {
		before: sum(complete.filter((p) => p.period < week).slice(-weeks)),
		after: sum(complete.filter((p) => p.period >= week).slice(0, weeks))
	};
}

export async function shareLesson(
	db: Db,
	actor: Actor,
	itemId: string,
	form: LessonForm,
	now = new Date()
): Promise<ShareLessonResult> {
	const item = await db
		.selectFrom('library_item')
		.select('id')
		.where('id', '=', itemId)
		.where('withdrawn_at', 'is', null)
		.executeTakeFirst();
	if (!item) return { ok: false, reason: 'notFound' };
	const annotation = await db
		.selectFrom('measure_annotation')
		.select(['id', 'on_date', 'text'])
		.where('id', '=', form.annotationId)
		.where('organisation_id', '=', actor.organisationId)
		.executeTakeFirst();
	if (!annotation) return { ok: false, reason: 'unknownAnnotation' };
	const today = await organisationToday(db, actor.organisationId, now);
	const series = await measureSeries(db, actor.organisationId, {
		slice: {},
		kind: 'week',
		today
	});
	const { before, after } = beforeAndAfter(series[form.measure], annotation.on_date, form.weeks);
	try {
		await inTransaction(db, async (trx) => {
			const id = randomUUID();
			await trx
				.insertInto('library_lesson')
				.values({
					id,
					organisation_id: actor.organisationId,
					library_item_id: itemId,
					annotation_id: annotation.id,
					on_date: annotation.on_date,
					tried: annotation.text,
					happened: form.happened,
					measure: form.measure,
					weeks: form.weeks,
					before_numerator: before.numerator,
					before_denominator: before.denominator,
					after_numerator: after.numerator,
					after_denominator: after.denominator,
					shared_by: actor.id,
					shared_at: now.toISOString()
				})
				.execute();
			await recordAudit(
				trx,
				{
					organisationId: actor.organisationId,
					actorId: actor.id,
					action: 'library.lessonShared',
					subjectType: 'library_lesson',
					subjectId: id,
					detail: { libraryItem: itemId, measure: form.measure, weeks: form.weeks }
				},
				now
			);
		});
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, reason: 'alreadyShared' };
		throw error;
	}
	return { ok: true };
}

/**
 * Takes back one of the organisation's own lessons: it leaves the library for everyone, and
 * the audit trail keeps who took it back. False when it is not this organisation's (or gone).
 */
export async function removeLesson(
	db: Db,
	actor: Actor,
	lessonId: string,
	now = new Date()
): Promise<boolean> {
	return inTransaction(db, async (trx) => {
		const lesson = await trx
			.selectFrom('library_lesson')
			.select(['id', 'library_item_id', 'measure', 'weeks'])
			.where('id', '=', lessonId)
			.where('organisation_id', '=', actor.organisationId)
			.executeTakeFirst();
		if (!lesson) return false;
		await trx
			.deleteFrom('library_lesson')
			.where('id', '=', lesson.id)
			.where('organisation_id', '=', actor.organisationId)
			.execute();
		await recordAudit(
			trx,
			{
				organisationId: actor.organisationId,
				actorId: actor.id,
				action: 'library.lessonRemoved',
				subjectType: 'library_lesson',
				subjectId: lesson.id,
				detail: {
					libraryItem: lesson.library_item_id,
					measure: lesson.measure,
					weeks: lesson.weeks
				}
			},
			now
		);
		return true;
	});
}

export interface Lesson {
	id: string;
	organisation: string;
	own: boolean;
	onDate: string;
	tried: string;
	happened: string;
	measure: MeasureId;
	weeks: number;
	before: ShownLessonCount;
	after: ShownLessonCount;
}

/** An item's lessons, each organisation's figures disclosed as the reader may see them. */
export async function lessonsFor(
	db: Db,
	readerOrganisationId: string,
	itemId: string
): Promise<Lesson[]> {
	const rows = await db
		.selectFrom('library_lesson as l')
		.innerJoin('organisation as o', 'o.id', 'l.organisation_id')
		.selectAll('l')
		.select('o.name')
		.where('l.library_item_id', '=', itemId)
		.orderBy('l.on_date', 'desc')
		.execute(); // tenancy: lessons are shared with every organisation; their figures are disclosed below
	return rows.map((r) => {
		const own = r.organisation_id === readerOrganisationId;
		return {
			id: r.id,
			organisation: r.name,
			own,
			onDate: r.on_date,
			tried: r.tried,
			happened: r.happened,
			measure: r.measure as MeasureId,
			weeks: r.weeks,
			before: discloseLessonCount(
				{ numerator: r.before_numerator, denominator: r.before_denominator },
				own
			),
			after: discloseLessonCount(
				{ numerator: r.after_numerator, denominator: r.after_denominator },
				own
			)
		};
	});
}

/**
 * Every annotation of the organisation's a lead may attach, newest first: all of them, as
 * shareLesson accepts any, so a change tried years ago can still be told (a chart note is a
 * few a month, so the list stays a list to choose from).
 */
export async function annotationChoices(db: Db, organisationId: string) {
	return db
		.selectFrom('measure_annotation')
		.select(['id', 'on_date', 'text'])
		.where('organisation_id', '=', organisationId)
		.orderBy('on_date', 'desc')
		.orderBy('id')
		.execute();
}
