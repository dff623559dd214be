import { diffWords as jsDiffWords } from 'diff';
import { z } from 'zod';
import { BriefingFormat } from './format';
import { LanguageCode } from './language';
import type { DraftError, VariantDraft } from './variant-draft';
import type { Piece } from './version-diff';

/*
 * Partial and stale translations (issue 17, items 1 and 2; hazard H79).
 *
 * A translation is measured against its source: the variant of the same format in the source
 * language. Its fields are named by path as `textFields` names them (`sections.0.heading`), so
 * a translated field and the source field it was made from share a path.
 *
 * Progress: a field counts when the source has text there (or, with no source, when the
 * format requires it); it is translated when the translation has text there too.
 * Example: an English leaflet of title, one heading, two paragraphs and a contact (5 fields)
 * and an Arabic draft with title and heading typed: 2 of 5 fields translated.
 *
 * Staleness: each translated field remembers the source text it was made from. When the
 * source field's text differs from that, the field is stale ("English changed") until the
 * translator saves a new translation of it (recording the new source) or a lead records why
 * the change does not affect it. Whitespace at the ends never counts as a change.
 */

/** The language every other variant of a version is translated from. */
export const sourceLanguage: LanguageCode = 'en';

export interface DraftField {
	path: string;
	text: string;
	/** Whether the format requires text here (a title, a heading, a sentence). */
	required: boolean;
}

const f = (path: string, text: string, required: boolean): DraftField => ({
	path,
	text,
	required
});

/** A draft's text fields, named as `textFields` names the saved variant's. */
export function draftTextFields(draft: VariantDraft): DraftField[] {
	const fields = [f('title', draft.title, true)];
	switch (draft.format) {
		case 'leaflet':
			draft.sections.forEach((s, i) => {
				fields.push(f(`sections.${i}.heading`, s.heading, true));
				s.blocks.forEach((b, j) => fields.push(f(`sections.${i}.blocks.${j}.text`, b.text, true)));
			});
			fields.push(f('contact', draft.contact, false));
			break;
		case 'easyRead':
			draft.rows.forEach((r, i) => {
				fields.push(f(`rows.${i}.sentence`, r.sentence, true));
				fields.push(f(`rows.${i}.alt`, r.alt, true));
			});
			break;
		case 'faceToFace':
			fields.push(f('talkingPoints', draft.talkingPoints, true));
			fields.push(f('thingsToShow', draft.thingsToShow, false));
			fields.push(f('teachBackQuestions', draft.teachBackQuestions, false));
			break;
		case 'video':
			fields.push(f('transcript', draft.transcript, false));
			break;
	}
	return fields;
}

const filled = (text: string | undefined) => (text ?? '').trim() !== '';

export interface Progress {
	done: number;
	total: number;
}

/** How much of a translation is done, against its source's fields (path → text) when there is one. */
export function translationProgress(
	draft: VariantDraft,
	source: ReadonlyMap<string, string> | null
): Progress {
	const fields = draftTextFields(draft);
	const counted = new Set(
		source
			? [...source].filter(([, text]) => filled(text)).map(([path]) => path)
			: fields.filter((x) => x.required).map((x) => x.path)
	);
	const text = new Map(fields.map((x) => [x.path, x.text]));
	const done = [...counted].filter((path) => filled(text.get(path))).length;
	return { done, total: counted.size };
}

/**
 * Whether a draft the schema refused may still be kept as a partial translation: only a
 * translation (never the source), and only when every problem is a field left empty. Text too
 * long, a bad link or a wrong file is refused as before.
 */
export function mayKeepPartial(language: LanguageCode, errors: readonly DraftError[]): boolean {
	return language !== sourceLanguage && errors.every((e) => e.message === 'errors.required');
}

export interface RecordedSource {
	path: string;
	sourceText: string;
	reason: string | null;
}

export interface StaleField {
	path: string;
	/** The source text the translation was made from. */
	before: string;
	/** The source text now. */
	after: string;
	pieces: Piece[];
}

/**
 * The translated fields whose source text has changed since they were translated (or since a
 * lead last recorded a reason). A field with no recorded source is taken as made from the
 * source as it stands. A source field removed counts as changed to nothing. Without `diff`, the
 * pieces are left empty (a check that only counts need not pay for the word diffs).
 */
export function staleFields(
	source: ReadonlyMap<string, string>,
	recorded: readonly RecordedSource[],
	{ diff = true }: { diff?: boolean } = {}
): StaleField[] {
	return recorded.flatMap((r) => {
		const now = source.get(r.path) ?? '';
		if (now.trim() === r.sourceText.trim()) return [];
		const pieces = diff ? wordDiff(r.sourceText, now) : [];
		return [{ path: r.path, before: r.sourceText, after: now, pieces }];
	});
}

/**
 * A word diff of two texts, through jsdiff (`diff`, Myers' algorithm on words), as the pieces
 * the studio renders with `<ins>` and `<del>`. Whitespace is not a change.
 * Example: wordDiff('Call for help', 'Call us for help') → [same Call] [added us] [same for help].
 */
export function wordDiff(before: string, after: string): Piece[] {
	const pieces: Piece[] = [];
	for (const change of jsDiffWords(before.trim(), after.trim())) {
		const text = change.value.trim().replace(/\s+/g, ' ');
		if (!text) continue;
		const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
		const last = pieces.at(-1);
		if (last?.kind === kind) last.text += ` ${text}`;
		else pieces.push({ kind, text });
	}
	return pieces;
}

const S = z.string().max(20_000);
const draftBase = { title: S, translationChecked: z.boolean() };
/** A text variant's recorded narration in its draft ('' for none; a translation starts with none). */
const audioDraft = {
	audioPath: S.default(''),
	audioMime: S.default(''),
	audioDurationSeconds: S.default('')
};
/** A partial translation as stored (039): the editor's draft, checked when read back. */
export const StoredDraft = z.discriminatedUnion('format', [
	z.strictObject({
		...draftBase,
		...audioDraft,
		format: z.literal('leaflet'),
		contact: S,
		sections: z
			.array(
				z.strictObject({
					heading: S,
					blocks: z.array(z.strictObject({ kind: z.enum(['paragraph', 'list']), text: S })).max(50)
				})
			)
			.max(50)
	}),
	z.strictObject({
		...draftBase,
		...audioDraft,
		format: z.literal('easyRead'),
		rows: z
			.array(
				z.strictObject({
					pictureKind: z.enum(['symbol', 'upload']),
					symbol: S,
					upload: S,
					alt: S,
					sentence: S
				})
			)
			.max(50)
	}),
	z.strictObject({
		...draftBase,
		...audioDraft,
		format: z.literal('faceToFace'),
		talkingPoints: S,
		thingsToShow: S,
		teachBackQuestions: S,
		minutes: S,
		leaveBehind: z.array(S).max(10)
	}),
	z.strictObject({
		...draftBase,
		format: z.literal('video'),
		sourceKind: z.enum(['upload', 'external']),
		uploadPath: S,
		uploadMime: S,
		externalUrl: S,
		captions: z.array(z.strictObject({ language: S, path: S })).max(20),
		transcript: S,
		posterPath: S,
		durationSeconds: S
	})
]) satisfies z.ZodType<VariantDraft>;

/** A lead's reason why a source change does not affect a translated field (the form's schema). */
export const TranslationReasonForm = z.strictObject({
	revision: z.coerce.number().int().positive(),
	format: BriefingFormat,
	language: LanguageCode,
	path: z.string().regex(/^[a-zA-Z]+(\.\d+\.[a-zA-Z]+(\.\d+\.text)?)?$/),
	reason: z.string().trim().min(1).max(500)
});

/** The id of a reason's textarea on the version page (and the error summary's link to it). */
export const reasonId = (f: { format: string; language: string; path: string }) =>
	`reason-${f.format}-${f.language}-${f.path}`;

/** A translation of a version as the studio shows it, and as submitting and approving check it. */
export interface TranslationState {
	format: BriefingFormat;
	language: LanguageCode;
	/** False for a translation saved part-done (kept apart; never published). */
	complete: boolean;
	progress: Progress;
	stale: StaleField[];
	/** Reasons a lead gave for source changes, on fields not stale since. */
	reasons: Array<{ path: string; reason: string; byName: string; at: string }>;
}
