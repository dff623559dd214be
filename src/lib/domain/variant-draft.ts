import type { z } from 'zod';
import { BriefingVariant, type VariantOf } from './briefing';
import type { BriefingFormat } from './format';
import type { LanguageCode } from './language';

/*
 * What a variant editor holds while someone types: plain strings, one per form field, named as
 * the form names them (`sections.0.blocks.1.text`). A draft may be incomplete or wrong; only
 * `draftToVariant` turns it into a `BriefingVariant`, through the domain's schema, and names
 * each problem by the field it belongs to. Lists a nurse reads as lines (talking points, a
 * bullet list) are edited as one line per item.
 */
/** A text variant's recorded narration, as its form holds it ('' for none). */
export interface AudioDraft {
	audioPath: string;
	audioMime: string;
	audioDurationSeconds: string;
}
export interface LeafletDraft extends AudioDraft {
	format: 'leaflet';
	title: string;
	contact: string;
	sections: Array<{ heading: string; blocks: Array<{ kind: 'paragraph' | 'list'; text: string }> }>;
}
export interface EasyReadDraft extends AudioDraft {
	format: 'easyRead';
	title: string;
	rows: Array<{
		pictureKind: 'symbol' | 'upload';
		symbol: string;
		upload: string;
		alt: string;
		sentence: string;
	}>;
}
export interface FaceToFaceDraft extends AudioDraft {
	format: 'faceToFace';
	title: string;
	talkingPoints: string;
	thingsToShow: string;
	teachBackQuestions: string;
	minutes: string;
	leaveBehind: string[];
}
export interface VideoDraft {
	format: 'video';
	title: string;
	sourceKind: 'upload' | 'external';
	uploadPath: string;
	uploadMime: string;
	externalUrl: string;
	captions: Array<{ language: string; path: string }>;
	transcript: string;
	posterPath: string;
	durationSeconds: string;
}
export type VariantDraft = (LeafletDraft | EasyReadDraft | FaceToFaceDraft | VideoDraft) & {
	translationChecked: boolean;
};
export type DraftOf<F extends BriefingFormat> = Extract<VariantDraft, { format: F }>;

export const leaveBehindOptions = ['leaflet', 'easyRead', 'qrCode', 'card'] as const;

const lines = (text: string) =>
	text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);

export const emptyLeafletSection = (): LeafletDraft['sections'][number] => ({
	heading: '',
	blocks: [{ kind: 'paragraph', text: '' }]
});
export const emptyEasyReadRow = (): EasyReadDraft['rows'][number] => ({
	pictureKind: 'symbol',
	symbol: '',
	upload: '',
	alt: '',
	sentence: ''
});

export const noAudio = (): AudioDraft => ({
	audioPath: '',
	audioMime: '',
	audioDurationSeconds: ''
});

/** Whether a draft's format may carry a recording (every format but video, which has sound). */
export const hasAudio = <D extends VariantDraft>(draft: D): draft is Exclude<D, VideoDraft> =>
	draft.format !== 'video';

export function emptyDraft(format: BriefingFormat): VariantDraft {
	const base = { title: '', translationChecked: false };
	const text = { ...base, ...noAudio() };
	switch (format) {
		case 'leaflet':
			return { ...text, format, contact: '', sections: [emptyLeafletSection()] };
		case 'easyRead':
			return { ...text, format, rows: [emptyEasyReadRow()] };
		case 'faceToFace':
			return {
				...text,
				format,
				talkingPoints: '',
				thingsToShow: '',
				teachBackQuestions: '',
				minutes: '',
				leaveBehind: []
			};
		case 'video':
			return {
				...base,
				format,
				sourceKind: 'upload',
				uploadPath: '',
				uploadMime: '',
				externalUrl: '',
				captions: [],
				transcript: '',
				posterPath: '',
				durationSeconds: ''
			};
	}
}

export function draftFromVariant(variant: BriefingVariant): VariantDraft {
	const base = { title: variant.title, translationChecked: variant.translationChecked };
	const audio =
		variant.format !== 'video' && variant.audio
			? {
					audioPath: variant.audio.path,
					audioMime: variant.audio.mimeType,
					audioDurationSeconds: String(variant.audio.durationSeconds)
				}
			: noAudio();
	switch (variant.format) {
		case 'leaflet':
			return {
				...base,
				...audio,
				format: 'leaflet',
				contact: variant.contact,
				sections: variant.sections.map((s) => ({
					heading: s.heading,
					blocks: s.blocks.map((b) =>
						b.kind === 'paragraph'
							? { kind: 'paragraph' as const, text: b.text }
							: { kind: 'list' as const, text: b.items.join('\n') }
					)
				}))
			};
		case 'easyRead':
			return {
				...base,
				...audio,
				format: 'easyRead',
				rows: variant.rows.map((r) => ({
					pictureKind: r.picture.kind,
					symbol: r.picture.kind === 'symbol' ? r.picture.id : '',
					upload: r.picture.kind === 'upload' ? r.picture.path : '',
					alt: r.alt,
					sentence: r.sentence
				}))
			};
		case 'faceToFace':
			return {
				...base,
				...audio,
				format: 'faceToFace',
				talkingPoints: variant.talkingPoints.join('\n'),
				thingsToShow: variant.thingsToShow.join('\n'),
				teachBackQuestions: variant.teachBackQuestions.join('\n'),
				minutes: String(variant.minutes),
				leaveBehind: [...variant.leaveBehind]
			};
		case 'video': {
			const upload = variant.sources.find((s) => s.kind === 'upload');
			const external = variant.sources.find((s) => s.kind === 'external');
			return {
				...base,
				format: 'video',
				sourceKind: upload || !external ? 'upload' : 'external',
				uploadPath: upload?.path ?? '',
				uploadMime: upload?.mimeType ?? '',
				externalUrl: external?.url ?? '',
				captions: variant.captions.map((c) => ({ ...c })),
				transcript: variant.transcript,
				posterPath: variant.poster ?? '',
				durationSeconds: String(variant.durationSeconds)
			};
		}
	}
}

/** Reads an editor's form fields (a FormData's `getAll`) into a draft of the format. */
export function readDraft(
	format: BriefingFormat,
	getAll: (name: string) => string[]
): VariantDraft {
	const one = (name: string) => getAll(name)[0] ?? '';
	const indexes = (prefix: string) => {
		const n = Number(one(`${prefix}count`));
		return Number.isInteger(n) && n >= 0 && n <= 50 ? [...Array(n).keys()] : [];
	};
	const base = { title: one('title'), translationChecked: one('translationChecked') === 'on' };
	const text = {
		...base,
		audioPath: one('audioPath'),
		audioMime: one('audioMime'),
		audioDurationSeconds: one('audioDurationSeconds')
	};
	switch (format) {
		case 'leaflet':
			return {
				...text,
				format,
				contact: one('contact'),
				sections: indexes('sections.').map((s) => ({
					heading: one(`sections.${s}.heading`),
					blocks: indexes(`sections.${s}.blocks.`).map((b) => ({
						kind: one(`sections.${s}.blocks.${b}.kind`) === 'list' ? 'list' : 'paragraph',
						text: one(`sections.${s}.blocks.${b}.text`)
					}))
				}))
			};
		case 'easyRead':
			return {
				...text,
				format,
				rows: indexes('rows.').map((r) => {
					// The picture is one choice of radios: a symbol, or (value '') the upload.
					const symbol = one(`rows.${r}.symbol`);
					const upload = one(`rows.${r}.upload`);
					return {
						pictureKind: symbol === '' && upload !== '' ? 'upload' : 'symbol',
						symbol,
						upload,
						alt: one(`rows.${r}.alt`),
						sentence: one(`rows.${r}.sentence`)
					};
				})
			};
		case 'faceToFace':
			return {
				...text,
				format,
				talkingPoints: one('talkingPoints'),
				thingsToShow: one('thingsToShow'),
				teachBackQuestions: one('teachBackQuestions'),
				minutes: one('minutes'),
				leaveBehind: getAll('leaveBehind')
			};
		case 'video':
			return {
				...base,
				format,
				sourceKind: one('sourceKind') === 'external' ? 'external' : 'upload',
				uploadPath: one('uploadPath'),
				uploadMime: one('uploadMime'),
				externalUrl: one('externalUrl'),
				captions: indexes('captions.').map((c) => ({
					language: one(`captions.${c}.language`),
					path: one(`captions.${c}.path`)
				})),
				transcript: one('transcript'),
				posterPath: one('posterPath'),
				durationSeconds: one('durationSeconds')
			};
	}
}

export interface DraftError {
	/** The form field's name (and id). */
	field: string;
	/** An `editor:` key for what is wrong. */
	message:
		| 'errors.required'
		| 'errors.tooLong'
		| 'errors.invalid'
		| 'errors.tooMany'
		| `errors.${'wholeNumber' | 'numberTooSmall' | 'numberTooLarge'}`
		| `errors.${'empty' | 'tooBig' | 'wrongType' | 'badCaptions'}`
		| 'audio.tooBig';
	/** For a length, count, size (MB) or number's limit: the limit, so the message can name it. */
	values?: { max: number } | { min: number };
}

/** An error as a variant form shows it: a field's problem, or the form's own (stale, not found). */
export interface FormError {
	field: string;
	message: string;
	values?: Record<string, unknown>;
}

type Candidate = Record<string, unknown>;

/** The recording as the schema reads it: none when no file is held (a length alone is no recording). */
function audioCandidate(draft: AudioDraft): Candidate {
	if (!draft.audioPath) return {};
	const seconds = draft.audioDurationSeconds.trim();
	return {
		audio: {
			path: draft.audioPath,
			mimeType: draft.audioMime,
			durationSeconds: seconds === '' ? undefined : Number(seconds)
		}
	};
}

function candidate(draft: VariantDraft, language: LanguageCode): Candidate {
	const base = {
		format: draft.format,
		language,
		translationChecked: draft.translationChecked,
		...(hasAudio(draft) ? audioCandidate(draft) : {})
	};
	const title = draft.title;
	switch (draft.format) {
		case 'leaflet':
			return {
				...base,
				title,
				contact: draft.contact,
				sections: draft.sections.map((s) => ({
					heading: s.heading,
					blocks: s.blocks.map((b) =>
						b.kind === 'list'
							? { kind: 'list', items: lines(b.text) }
							: { kind: 'paragraph', text: b.text }
					)
				}))
			};
		case 'easyRead':
			return {
				...base,
				title,
				rows: draft.rows.map((r) => ({
					picture:
						r.pictureKind === 'upload'
							? { kind: 'upload', path: r.upload }
							: { kind: 'symbol', id: r.symbol },
					alt: r.alt,
					sentence: r.sentence
				}))
			};
		case 'faceToFace':
			return {
				...base,
				title,
				talkingPoints: lines(draft.talkingPoints),
				thingsToShow: lines(draft.thingsToShow),
				teachBackQuestions: lines(draft.teachBackQuestions),
				minutes: draft.minutes.trim() === '' ? undefined : Number(draft.minutes),
				leaveBehind: draft.leaveBehind
			};
		case 'video':
			return {
				...base,
				title,
				sources:
					draft.sourceKind === 'external'
						? [{ kind: 'external', url: draft.externalUrl.trim() }]
						: draft.uploadPath
							? [{ kind: 'upload', path: draft.uploadPath, mimeType: draft.uploadMime }]
							: [],
				captions: draft.captions,
				transcript: draft.transcript,
				poster: draft.posterPath || null,
				durationSeconds:
					draft.durationSeconds.trim() === '' ? undefined : Number(draft.durationSeconds)
			};
	}
}

/** The form field a schema problem belongs to, e.g. a list item's problem is its textarea's. */
function fieldOf(draft: VariantDraft, path: PropertyKey[]): string {
	const p = path.map(String);
	if (draft.format === 'leaflet' && p[0] === 'sections' && p.length >= 2) {
		if (p[2] === 'blocks' && p.length >= 4) return `sections.${p[1]}.blocks.${p[3]}.text`;
		return `sections.${p[1]}.heading`;
	}
	if (draft.format === 'easyRead' && p[0] === 'rows' && p.length >= 3)
		return `rows.${p[1]}.${p[2] === 'picture' ? 'symbol' : p[2]}`;
	if (draft.format === 'video') {
		if (p[0] === 'sources') return draft.sourceKind === 'external' ? 'externalUrl' : 'videoFile';
		if (p[0] === 'captions') return 'captionsFile';
		if (p[0] === 'poster') return 'posterFile';
	}
	if (p[0] === 'audio') return p[1] === 'durationSeconds' ? 'audioDurationSeconds' : 'audioFile';
	if (p[0] === 'sections') return 'addSection';
	if (p[0] === 'rows') return 'addRow';
	return p[0] ?? 'title';
}

function problemOf(issue: z.core.$ZodIssue): Omit<DraftError, 'field'> {
	// Every number a variant holds (minutes, seconds) is whole, so `positive()` means 1 or more.
	if (issue.code === 'too_small' && issue.origin === 'number') {
		const min = Number(issue.minimum);
		return { message: 'errors.numberTooSmall', values: { min: issue.inclusive ? min : min + 1 } };
	}
	if (issue.code === 'too_big' && issue.origin === 'number')
		return { message: 'errors.numberTooLarge', values: { max: Number(issue.maximum) } };
	if (issue.code === 'too_small') return { message: 'errors.required' };
	if (issue.code === 'too_big')
		return {
			message: issue.origin === 'array' ? 'errors.tooMany' : 'errors.tooLong',
			values: { max: Number(issue.maximum) }
		};
	if (issue.code === 'invalid_type' && issue.input === undefined)
		return { message: 'errors.required' };
	// Typed but not a number (NaN from 'abc'), or a fraction where a whole number is needed.
	if (issue.code === 'invalid_type' && (issue.expected === 'number' || issue.expected === 'int'))
		return { message: 'errors.wholeNumber' };
	return { message: 'errors.invalid' };
}

/**
 * Whether an error the server named is still wrong in what is typed now (`wrongNow`: the fields
 * `draftToVariant` names for the current draft). Problems with what was typed go once fixed; a
 * file's problems and the form's own (stale, too big) stay: only a new upload or save clears them.
 */
export function isStillWrong(
	error: { field: string; message: string },
	wrongNow: ReadonlySet<string>
): boolean {
	const typed = [
		'errors.required',
		'errors.tooLong',
		'errors.tooMany',
		'errors.invalid',
		'errors.wholeNumber',
		'errors.numberTooSmall',
		'errors.numberTooLarge'
	];
	return !typed.includes(error.message) || wrongNow.has(error.field);
}

export type DraftResult<F extends BriefingFormat = BriefingFormat> =
	{ ok: true; variant: VariantOf<F> } | { ok: false; errors: DraftError[] };

/** Validates a draft as a variant in `language`; each problem is named by its form field. */
export function draftToVariant(draft: VariantDraft, language: LanguageCode): DraftResult {
	// The input is reported so that a field left empty (undefined) and one typed wrong (NaN) differ.
	const parsed = BriefingVariant.safeParse(candidate(draft, language), { reportInput: true });
	if (parsed.success) return { ok: true, variant: parsed.data };
	const errors: DraftError[] = [];
	for (const issue of parsed.error.issues) {
		const field = fieldOf(draft, issue.path);
		if (!errors.some((e) => e.field === field)) errors.push({ field, ...problemOf(issue) });
	}
	return { ok: false, errors };
}

/** How a form field is named to people: an `editor:` key and its 1-based numbers. */
export function fieldLabel(field: string): { label: string; values: Record<string, number> } {
	const n = (s: string | undefined) => Number(s) + 1;
	let m = /^sections\.(\d+)\.heading$/.exec(field);
	if (m) return { label: 'fields.sectionHeading', values: { section: n(m[1]) } };
	m = /^sections\.(\d+)\.blocks\.(\d+)\.text$/.exec(field);
	if (m) return { label: 'fields.block', values: { section: n(m[1]), block: n(m[2]) } };
	if (field === 'audioFile' || field === 'audioDurationSeconds')
		return { label: `audio.fields.${field}`, values: {} };
	m = /^rows\.(\d+)\.(\w+)$/.exec(field);
	if (m) return { label: `fields.row.${m[2] ?? ''}`, values: { row: n(m[1]) } };
	return { label: `fields.${field}`, values: {} };
}

/** Row operations of the editors, the same with JavaScript (in the page) or without (on the server). */
export function applyIntent(draft: VariantDraft, intent: string): VariantDraft {
	const [op = '', a = '', b = ''] = intent.split(':');
	const i = Number(a);
	const j = Number(b);
	const move = <T>(list: T[], from: number, to: number) => {
		if (from < 0 || to < 0 || from >= list.length || to >= list.length) return list;
		const copy = [...list];
		copy.splice(to, 0, ...copy.splice(from, 1));
		return copy;
	};
	// Removing the recording, like a row: gone from the form now, from the version on Save.
	if (op === 'removeAudio' && hasAudio(draft)) return { ...draft, ...noAudio() };
	if (draft.format === 'leaflet') {
		const sections = draft.sections;
		switch (op) {
			case 'addSection':
				return { ...draft, sections: [...sections, emptyLeafletSection()] };
			case 'removeSection':
				return { ...draft, sections: sections.filter((_, k) => k !== i) };
			case 'moveSectionUp':
				return { ...draft, sections: move(sections, i, i - 1) };
			case 'moveSectionDown':
				return { ...draft, sections: move(sections, i, i + 1) };
			case 'addParagraph':
			case 'addList':
				return {
					...draft,
					sections: sections.map((s, k) =>
						k === i
							? {
									...s,
									blocks: [...s.blocks, { kind: op === 'addList' ? 'list' : 'paragraph', text: '' }]
								}
							: s
					)
				};
			case 'removeBlock':
				return {
					...draft,
					sections: sections.map((s, k) =>
						k === i ? { ...s, blocks: s.blocks.filter((_, l) => l !== j) } : s
					)
				};
		}
	}
	if (draft.format === 'easyRead') {
		switch (op) {
			case 'addRow':
				return { ...draft, rows: [...draft.rows, emptyEasyReadRow()] };
			case 'removeRow':
				return { ...draft, rows: draft.rows.filter((_, k) => k !== i) };
			case 'moveRowUp':
				return { ...draft, rows: move(draft.rows, i, i - 1) };
			case 'moveRowDown':
				return { ...draft, rows: move(draft.rows, i, i + 1) };
		}
	}
	return draft;
}

/**
 * Where a translation starts: the English variant's shape (its sections, rows and pictures,
 * the talk's minutes) with every text empty, so nothing untranslated can pass for translated.
 */
export function translationStart(english: VariantDraft): VariantDraft {
	// A recording speaks its own language: a translation starts with none.
	const base = { title: '', translationChecked: false, ...noAudio() };
	switch (english.format) {
		case 'leaflet':
			return {
				...english,
				...base,
				contact: '',
				sections: english.sections.map((s) => ({
					heading: '',
					blocks: s.blocks.map((b) => ({ kind: b.kind, text: '' }))
				}))
			};
		case 'easyRead':
			return {
				...english,
				...base,
				rows: english.rows.map((r) => ({ ...r, alt: '', sentence: '' }))
			};
		case 'faceToFace':
			return { ...english, ...base, talkingPoints: '', thingsToShow: '', teachBackQuestions: '' };
		case 'video':
			return {
				...(emptyDraft('video') as DraftOf<'video'>),
				posterPath: english.posterPath
			};
	}
}
