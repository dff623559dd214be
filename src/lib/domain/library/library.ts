import { z } from 'zod';
import { BriefingVariant, BriefingVersion } from '../briefing';
import { BriefingFormat } from '../format';
import { LanguageCode } from '../language';
import { CommunicationNeed, communicationNeeds } from '../patient-group';
import { measureIds } from '../measurement/measures';

/*
 * The shared library (issue 19): a lead shares a published briefing version with every
 * organisation on the service; other leads browse, preview and adopt it as a draft of their own.
 * What is shared is frozen as `LibraryContent` and fingerprinted (server/library/fingerprint.ts).
 */

/** The licences a library item may carry: both let others adapt it. */
export const libraryLicences = ['OGL-UK-3.0', 'CC-BY-SA-4.0'] as const;
export const LibraryLicence = z.enum(libraryLicences);
export type LibraryLicence = z.infer<typeof LibraryLicence>;

/** What a library version holds: the published version as patients saw it, every variant. */
export const LibraryContent = z.strictObject({
	slug: z.string().max(80),
	topic: z.string().min(1).max(120),
	sourceVersion: z.number().int().positive(),
	reviewBy: BriefingVersion.shape.reviewBy,
	evidenceLinks: BriefingVersion.shape.evidenceLinks,
	userTestingNote: BriefingVersion.shape.userTestingNote,
	isExample: z.boolean(),
	variants: z.array(BriefingVariant).min(1).max(200)
});
export type LibraryContent = z.infer<typeof LibraryContent>;

const Note = (error: string) => z.string().trim().max(2000, { error });

/** The share form: which published briefing, under which licence, for which needs. */
export const ShareForm = z.strictObject({
	briefingId: z.uuid({ error: 'share.errors.briefingId' }),
	licence: z.enum(libraryLicences, { error: 'share.errors.licence' }),
	attribution: z
		.string()
		.trim()
		.min(1, { error: 'share.errors.attribution' })
		.max(600, { error: 'share.errors.attribution' }),
	evidenceNote: Note('share.errors.evidenceNote'),
	userTestingNote: Note('share.errors.userTestingNote'),
	needs: z
		.array(z.enum(communicationNeeds, { error: 'share.errors.needs' }))
		.max(10)
		.default([])
});
export type ShareForm = z.infer<typeof ShareForm>;

/** Browsing: every field optional; a value that is not one of the choices is ignored. */
export const LibraryFilter = z.object({
	q: z.string().trim().max(120).catch('').default(''),
	need: CommunicationNeed.optional().catch(undefined),
	format: BriefingFormat.optional().catch(undefined),
	language: LanguageCode.optional().catch(undefined),
	/** The highest reading age wanted: items with an estimate above it are left out. */
	readingAge: z.coerce.number().int().min(5).max(25).optional().catch(undefined),
	/** Updated within this many days. */
	updated: z.enum(['30', '90', '365']).optional().catch(undefined)
});
export type LibraryFilter = z.infer<typeof LibraryFilter>;

/** What browsing needs of an item to filter it. */
export interface LibraryListing {
	topic: string;
	needs: readonly string[];
	formats: readonly string[];
	languages: readonly string[];
	readingAge: number | null;
	updatedAt: string;
}

const DAY_MS = 86_400_000;

/** Whether an item passes the filter: topic words match case-insensitively, each in turn. */
export function matchesFilter(item: LibraryListing, filter: LibraryFilter, now: Date): boolean {
	const topic = item.topic.toLocaleLowerCase();
	const words = filter.q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
	if (!words.every((w) => topic.includes(w))) return false;
	if (filter.need && !item.needs.includes(filter.need)) return false;
	if (filter.format && !item.formats.includes(filter.format)) return false;
	if (filter.language && !item.languages.includes(filter.language)) return false;
	if (filter.readingAge && item.readingAge !== null && item.readingAge > filter.readingAge)
		return false;
	if (
		filter.updated &&
		now.getTime() - Date.parse(item.updatedAt) > Number(filter.updated) * DAY_MS
	)
		return false;
	return true;
}

/** A lesson: which annotation, what happened, and which measure's figures go with it. */
export const LessonForm = z.strictObject({
	annotationId: z.uuid({ error: 'lessons.errors.annotationId' }),
	happened: z
		.string()
		.trim()
		.min(1, { error: 'lessons.errors.happened' })
		.max(600, { error: 'lessons.errors.happened' }),
	measure: z.enum(measureIds, { error: 'lessons.errors.measure' }),
	weeks: z.coerce.number().int().min(4, { error: 'lessons.errors.weeks' }).max(26, {
		error: 'lessons.errors.weeks'
	})
});
export type LessonForm = z.infer<typeof LessonForm>;

/** Taking back one of the organisation's own lessons. */
export const RemoveLessonForm = z.strictObject({
	lessonId: z.uuid({ error: 'lessons.errors.notYours' })
});
