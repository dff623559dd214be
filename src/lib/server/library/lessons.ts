import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { discloseLessonCount, type ShownLessonCount } from '$lib/domain/library/lesson-figures';
import type { LessonForm } from '$lib/domain/library/library';
import type { MeasureId, MeasurePoint } from '$lib/domain/measurement/measures';
import { pageWindow, pagingOf } from '$lib/domain/pagination';
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
	| { ok: true }
	| {
			ok: false;
			reason: 'notFound' | 'unknownAnnotation' | 'alreadyShared' | 'measureShared' | 'tooSoon';
	  };

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
	// Only once every week after has ended: figures that grew as weeks passed would give a
	// week's count to anyone comparing a lesson shared now with one shared a week later.
	if (completeWeeksFrom(annotation.on_date, today) < form.weeks)
		return { ok: false, reason: 'tooSoon' };
	const { before, after } = beforeAndAfter(series[form.measure], annotation.on_date, form.weeks);
	try {
		await inTransaction(db, async (trx) => {
			// One lesson per note and measure, whichever briefing it is shared with: two over 8 and
			// 7 weeks would give the eighth week's count by subtraction.
			const twin = await trx
				.selectFrom('library_lesson')
				.select(['library_item_id'])
				.where('organisation_id', '=', actor.organisationId)
				.where('annotation_id', '=', annotation.id)
				.where('measure', '=', form.measure)
				.executeTakeFirst();
			if (twin) throw new AlreadyShared(twin.library_item_id === itemId);
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
		if (error instanceof AlreadyShared)
			return { ok: false, reason: error.sameBriefing ? 'alreadyShared' : 'measureShared' };
		if (isUniqueViolation(error)) return { ok: false, reason: 'alreadyShared' };
		throw error;
	}
	return { ok: true };
}

class AlreadyShared extends Error {
	constructor(readonly sameBriefing: boolean) {
		super('already shared');
	}
}

/** How many whole weeks have ended from the week of `onDate` to `today` (its week in progress). */
export function completeWeeksFrom(onDate: string, today: string): number {
	const days = (Date.parse(weekStartOf(today)) - Date.parse(weekStartOf(onDate))) / 86_400_000;
	return Math.max(0, Math.round(days / 7));
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

export interface NoteChoice {
	id: string;
	on_date: string;
	text: string;
}

export interface NoteChoices {
	notes: NoteChoice[];
	/** How many of the organisation's notes hold the words (all of them, without words). */
	total: number;
	/** Whether the organisation has any note at all. */
	any: boolean;
	page: number;
	pages: number;
	/** The place of this page's first and last note among those found ("51 to 100 of 134"). */
	from: number;
	to: number;
}

/** Chart notes a page of the lesson form offers. */
export const NOTES_PER_PAGE = 50;

/** `%`, `_` and the escape character itself, taken literally in a `like` pattern. */
const literal = (words: string) => words.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The organisation's chart notes a lead may attach, newest first (the same day: the latest
 * written first), a page at a time: every note, or those whose text holds `words` (any case).
 * `lower(…)` on both sides, as db/sql.ts asks of `like`: SQLite's `lower` folds ASCII only, so
 * "ŵ" matches "Ŵ" on PostgreSQL alone; notes are mostly English, and "Ward" finds "ward" on both.
 */
export async function annotationChoices(
	db: Db,
	organisationId: string,
	options: { words?: string; page?: string | null } = {}
): Promise<NoteChoices> {
	const words = options.words?.trim() ?? '';
	const base = () => {
		let query = db.selectFrom('measure_annotation').where('organisation_id', '=', organisationId);
		if (words)
			query = query.where(
				(eb) => eb.fn('lower', ['text']),
				'like',
				sql<string>`lower(${`%${literal(words)}%`}) escape '\\'`
			);
		return query;
	};
	const [matching, all] = await Promise.all([
		base()
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirst(),
		words
			? db
					.selectFrom('measure_annotation')
					.select('id')
					.where('organisation_id', '=', organisationId)
					.limit(1)
					.executeTakeFirst()
			: null
	]);
	const total = Number(matching?.n ?? 0);
	const window = pageWindow(options.page ?? null, total, NOTES_PER_PAGE);
	const notes = await base()
		.select(['id', 'on_date', 'text'])
		.orderBy('on_date', 'desc')
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.limit(window.limit)
		.offset(window.offset)
		.execute();
	const { page, pages, from, to } = pagingOf(window, notes.length);
	return { notes, total, any: words ? Boolean(all) : total > 0, page, pages, from, to };
}
