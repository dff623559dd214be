import { z } from 'zod';
import { BriefingFormat } from './format';
import { Id, IsoDate, IsoDateTime } from './ids';
import { LanguageCode } from './language';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** A path the toolkit serves itself (bundled or uploaded media): never another site. */
export const LocalMediaPath = z
	.string()
	.regex(/^\/(media|symbols|uploads)\/[A-Za-z0-9._\-/]+$/, 'notLocalMedia')
	.refine((p) => !p.includes('..'), 'notLocalMedia');

const VideoSource = z.discriminatedUnion('kind', [
	z.strictObject({
		kind: z.literal('upload'),
		path: LocalMediaPath,
		mimeType: z.enum(['video/mp4', 'video/webm'])
	}),
	z.strictObject({ kind: z.literal('external'), url: z.url({ protocol: /^https$/ }) })
]);

export const Captions = z.strictObject({ language: LanguageCode, path: LocalMediaPath });

/**
 * A lead's recorded narration of a text variant (leaflet, easy read, face-to-face script): for
 * a patient whose phone has no voice for their language, or who would rather listen. MP3 or Ogg
 * Opus (typed by the file's first bytes), with its exact length as the lead entered it. It is
 * part of the variant, so part of the version: reviewed with it, frozen with it once submitted,
 * carried into the next draft.
 */
export const audioMimeTypes = ['audio/mpeg', 'audio/ogg'] as const;
export const VariantAudio = z.strictObject({
	path: LocalMediaPath,
	mimeType: z.enum(audioMimeTypes),
	durationSeconds: z.number().int().positive().max(3600)
});
export type VariantAudio = z.infer<typeof VariantAudio>;

const variantBase = {
	language: LanguageCode,
	/** A translation marked as checked by a qualified translator. */
	translationChecked: z.boolean().default(false)
};

export const VideoVariant = z.strictObject({
	...variantBase,
	format: z.literal('video'),
	title: Text(120),
	sources: z.array(VideoSource).min(1).max(3),
	captions: z.array(Captions).max(20),
	transcript: z.string().trim().max(20_000),
	poster: LocalMediaPath.nullable(),
	durationSeconds: z.number().int().positive().max(3600)
});

const LeafletBlock = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('paragraph'), text: Text(2000) }),
	z.strictObject({ kind: z.literal('list'), items: z.array(Text(400)).min(1).max(30) })
]);
export type LeafletBlock = z.infer<typeof LeafletBlock>;

export const LeafletVariant = z.strictObject({
	...variantBase,
	format: z.literal('leaflet'),
	audio: VariantAudio.optional(),
	title: Text(120),
	sections: z
		.array(z.strictObject({ heading: Text(120), blocks: z.array(LeafletBlock).min(1).max(30) }))
		.min(1)
		.max(30),
	contact: z.string().trim().max(600)
});

export const EasyReadPicture = z.discriminatedUnion('kind', [
	z.strictObject({ kind: z.literal('symbol'), id: z.string().regex(/^[a-z0-9-]+$/) }),
	z.strictObject({ kind: z.literal('upload'), path: LocalMediaPath })
]);

export const EasyReadRow = z.strictObject({
	picture: EasyReadPicture,
	alt: Text(200),
	sentence: Text(200)
});
export type EasyReadRow = z.infer<typeof EasyReadRow>;

export const EasyReadVariant = z.strictObject({
	...variantBase,
	format: z.literal('easyRead'),
	audio: VariantAudio.optional(),
	title: Text(120),
	rows: z.array(EasyReadRow).min(1).max(40)
});

export const FaceToFaceVariant = z.strictObject({
	...variantBase,
	format: z.literal('faceToFace'),
	audio: VariantAudio.optional(),
	title: Text(120),
	talkingPoints: z.array(Text(400)).min(1).max(30),
	thingsToShow: z.array(Text(200)).max(20),
	teachBackQuestions: z.array(Text(300)).max(10),
	minutes: z.number().int().min(1).max(60),
	/** What the patient keeps afterwards, e.g. the large-print leaflet. */
	leaveBehind: z.array(z.enum(['leaflet', 'easyRead', 'qrCode', 'card'])).max(4)
});

/**
 * Whether a briefing may be given in this format in this language: British Sign Language
 * (`bfi`) only ever as a video (PRODUCT.md). Checked where a variant is added, opened in the
 * editor or imported in a pack.
 */
export const givenAs = (format: BriefingFormat, language: string): boolean =>
	language !== 'bfi' || format === 'video';

export const BriefingVariant = z.discriminatedUnion('format', [
	VideoVariant,
	LeafletVariant,
	EasyReadVariant,
	FaceToFaceVariant
]);
export type BriefingVariant = z.infer<typeof BriefingVariant>;
export type VariantOf<F extends BriefingFormat> = Extract<BriefingVariant, { format: F }>;

export const versionStatuses = ['draft', 'inReview', 'approved', 'published', 'retired'] as const;
export const VersionStatus = z.enum(versionStatuses);
export type VersionStatus = z.infer<typeof VersionStatus>;

/** A status as people read it: a draft a reviewer sent back is "Returned", not "Draft". */
export type ShownStatus = VersionStatus | 'returned';

/** Returned: a draft with a reviewer's comments that the lead has not yet resubmitted. */
export function shownStatus(version: {
	status: VersionStatus;
	returnedAt: string | null;
}): ShownStatus {
	return version.status === 'draft' && version.returnedAt ? 'returned' : version.status;
}

export const Briefing = z.strictObject({
	id: Id,
	organisationId: Id,
	slug: z
		.string()
		.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
		.max(80),
	topic: Text(120),
	ownerId: Id
});
export type Briefing = z.infer<typeof Briefing>;

export const BriefingVersion = z
	.strictObject({
		id: Id,
		briefingId: Id,
		number: z.number().int().positive(),
		status: VersionStatus,
		reviewBy: IsoDate,
		evidenceLinks: z.array(z.url({ protocol: /^https?$/ })).max(20),
		userTestingNote: z.string().trim().max(2000),
		approvedBy: z.strictObject({ name: Text(80), at: IsoDateTime }).nullable(),
		/** Marked when the content is seed or sample text to be reviewed locally. */
		isExample: z.boolean(),
		variants: z.array(BriefingVariant).max(200)
	})
	.refine(
		(v) => new Set(v.variants.map((x) => `${x.format}:${x.language}`)).size === v.variants.length,
		{ message: 'duplicateVariant', path: ['variants'] }
	);
export type BriefingVersion = z.infer<typeof BriefingVersion>;

const transitions: Record<VersionStatus, readonly VersionStatus[]> = {
	draft: ['inReview'],
	inReview: ['approved', 'draft'],
	approved: ['published', 'draft'],
	published: ['retired'],
	retired: []
};

export function canMoveTo(from: VersionStatus, to: VersionStatus): boolean {
	return transitions[from].includes(to);
}

/** A version is immutable once submitted: only a draft's content may change. */
export function isEditable(status: VersionStatus): boolean {
	return status === 'draft';
}

export const REVIEW_DUE_SOON_DAYS = 60;
export const MAX_REVIEW_YEARS = 3;

export type ReviewState = 'inDate' | 'dueSoon' | 'overdue';

function dayNumber(isoDate: string): number {
	return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000);
}

/** Whether content is past its review-by date, or due within 60 days, on `today` (YYYY-MM-DD). */
export function reviewState(reviewBy: string, today: string): ReviewState {
	const daysLeft = dayNumber(reviewBy) - dayNumber(today);
	if (daysLeft < 0) return 'overdue';
	return daysLeft <= REVIEW_DUE_SOON_DAYS ? 'dueSoon' : 'inDate';
}

export type PublishProblem =
	| 'noEvidence'
	| 'noUserTesting'
	| 'reviewByPast'
	| 'reviewByTooFar'
	| 'noVariants'
	| { missingCaptions: { language: string } };

/** What stops a version being published; an empty list means it may be. */
export function publishProblems(
	version: Pick<BriefingVersion, 'evidenceLinks' | 'userTestingNote' | 'reviewBy' | 'variants'>,
	today: string
): PublishProblem[] {
	const problems: PublishProblem[] = [];
	if (version.evidenceLinks.length === 0) problems.push('noEvidence');
	if (!version.userTestingNote.trim()) problems.push('noUserTesting');
	if (dayNumber(version.reviewBy) < dayNumber(today)) problems.push('reviewByPast');
	const limit = new Date(`${today}T00:00:00Z`);
	limit.setUTCFullYear(limit.getUTCFullYear() + MAX_REVIEW_YEARS);
	if (dayNumber(version.reviewBy) > dayNumber(limit.toISOString().slice(0, 10)))
		problems.push('reviewByTooFar');
	if (version.variants.length === 0) problems.push('noVariants');
	for (const variant of version.variants) {
		if (variant.format !== 'video') continue;
		// BSL videos are captioned in English; every other video in its own language.
		const needed = variant.language === 'bfi' ? 'en' : variant.language;
		if (!variant.captions.some((c) => c.language === needed))
			problems.push({ missingCaptions: { language: variant.language } });
	}
	return problems;
}

export const EASY_READ_MAX_WORDS = 15;

export type EasyReadProblem = 'tooManyWords' | 'moreThanOneSentence';

/** Advisory checks on one easy-read sentence: one idea per sentence, at most 15 words. */
export function easyReadProblems(sentence: string): EasyReadProblem[] {
	const problems: EasyReadProblem[] = [];
	const words = sentence.trim().split(/\s+/).filter(Boolean);
	if (words.length > EASY_READ_MAX_WORDS) problems.push('tooManyWords');
	// A sentence end is ., ! or ? (or their Arabic/Urdu forms) followed by more text.
	if (/[.!?؟۔]\s+\S/u.test(sentence.trim())) problems.push('moreThanOneSentence');
	return problems;
}

/** The variants of a version in one language, keyed by format. */
export function variantsIn(
	variants: readonly BriefingVariant[],
	language: string
): Partial<{ [F in BriefingFormat]: VariantOf<F> }> {
	const found: Partial<Record<BriefingFormat, BriefingVariant>> = {};
	for (const v of variants) if (v.language === language) found[v.format] = v;
	return found as Partial<{ [F in BriefingFormat]: VariantOf<F> }>;
}
