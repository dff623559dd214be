import type { BriefingFormat } from '$lib/domain/format';
import type { LanguageCode } from '$lib/domain/language';
import { draftTextFields, translationProgress, type Progress } from '$lib/domain/translation';
import { draftToVariant, translationStart, type VariantDraft } from '$lib/domain/variant-draft';
import {
	buildXliff,
	normText,
	readXliff,
	sourceHash,
	XLIFF_MAX_BYTES,
	type XliffFile
} from './document';

/*
 * A version's text out to a translation agency and back (issue 17 item 3, hazard H82).
 *
 * Export: the source text of each format (fields with text, named by path) and any translation
 * so far, for one target language. Import: the returned file is checked whole against the
 * version as it stands, and every problem is named at once; only a file with none becomes a
 * plan (each format's new draft, complete or part-done, and its fields side by side for the
 * preview). Nothing here writes: the caller stores a plan in one transaction.
 *
 * Example: a leaflet exported when section 1's heading read "Call for help"; the lead then edits
 * it to "Call us for help". The returned unit `sections.0.heading` carries the old text's
 * hash, which no longer matches: the file is refused, naming "Leaflet – Section 1 heading".
 */

/** One format of the version: its source fields and the translation it has so far. */
export interface FormatTexts {
	format: BriefingFormat;
	/** The source variant as a draft. */
	source: VariantDraft;
	/** The translations so far (complete or part-done), by language. */
	translations: ReadonlyMap<string, VariantDraft>;
}

export interface VersionTexts {
	briefingId: string;
	number: number;
	sourceLanguage: LanguageCode;
	formats: FormatTexts[];
}

export interface FieldRef {
	format: BriefingFormat;
	path: string;
}

/** Why a file was refused: an `editor:` key, its values, and the fields it is about. */
export interface Problem {
	message: string;
	values?: Record<string, string | number>;
	fields?: FieldRef[];
}

export interface FieldRow {
	path: string;
	source: string;
	current: string;
	imported: string;
}

export interface FormatPlan {
	format: BriefingFormat;
	draft: VariantDraft;
	complete: boolean;
	progress: Progress;
	/** Whether applying changes any text (a file imported twice changes nothing the second time). */
	changed: boolean;
	rows: FieldRow[];
}

export type Plan =
	{ ok: true; language: LanguageCode; formats: FormatPlan[] } | { ok: false; problems: Problem[] };

/** The fields of a draft that hold text, path → text. */
const textsOf = (draft: VariantDraft) =>
	new Map(draftTextFields(draft).map((f) => [f.path, f.text]));
/** The source fields a translation is asked for: those with text (as progress counts them). */
const sourceFields = (f: FormatTexts) =>
	draftTextFields(f.source).filter((x) => x.text.trim() !== '');

/** The `original` of a format's <file>: which briefing and version it was made from. */
export const originalOf = (v: { briefingId: string; number: number }, format: string) =>
	`briefings/${v.briefingId}/versions/${v.number}/${format}`;

/** A file name that says what it holds: topic, version and language. */
export function xliffFileName(topic: string, number: number, language: string, format?: string) {
	const slug =
		topic
			.normalize('NFKD')
			.replace(/[^\w\s-]/g, '')
			.trim()
			.toLowerCase()
			.replace(/[\s_]+/g, '-')
			.slice(0, 60) || 'briefing';
	return `${slug}-v${number}-${format ? `${format}-` : ''}${language}.xlf`;
}

/** The XLIFF 2.0 file for `language`: one <file> a format, one <unit> a source field with text. */
export function exportXliff(
	version: VersionTexts,
	language: LanguageCode,
	options: { label: (field: FieldRef) => string; note: (format: BriefingFormat) => string }
): string {
	const files: XliffFile[] = version.formats.map((f) => {
		const translation = f.translations.get(language);
		const done = translation ? textsOf(translation) : new Map<string, string>();
		return {
			id: f.format,
			original: originalOf(version, f.format),
			note: options.note(f.format),
			units: sourceFields(f).map((x) => ({
				id: x.path,
				name: options.label({ format: f.format, path: x.path }),
				source: x.text,
				target: done.get(x.path)?.trim() ? (done.get(x.path) ?? null) : null,
				sourceHash: null,
				markup: false
			}))
		};
	});
	return buildXliff({ srcLang: version.sourceLanguage, trgLang: language, files });
}

// Control characters other than tab and line breaks are never plain text.
const hasControl = (text: string) =>
	[...text].some((c) => {
		const n = c.codePointAt(0) ?? 0;
		return (n < 32 && n !== 9 && n !== 10 && n !== 13) || n === 127;
	});

/** Sets one text field of a draft by its path; null when the draft has no such field. */
function withText(draft: VariantDraft, path: string, text: string): VariantDraft | null {
	if (!draftTextFields(draft).some((f) => f.path === path)) return null;
	const copy = structuredClone(draft) as unknown as Record<string, unknown>;
	const keys = path.split('.');
	let at: Record<string, unknown> = copy;
	for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
	at[keys.at(-1) ?? ''] = text;
	return copy as unknown as VariantDraft;
}

const byCode = (problems: Problem[], message: string, fields: FieldRef[]) => {
	if (fields.length) problems.push({ message, fields });
};

/**
 * Checks a returned file whole against the version as it stands, for a target language among
 * `targets`, and plans what applying it would store; or names every problem found.
 */
export function planImport(
	text: string,
	version: VersionTexts,
	targets: readonly LanguageCode[]
): Plan {
	if (Buffer.byteLength(text, 'utf8') > XLIFF_MAX_BYTES)
		return fail({ message: 'xliff.errors.tooLarge', values: { max: XLIFF_MAX_BYTES / 1024 } });
	const read = readXliff(text);
	if (!read.ok) {
		const values: Record<string, string | number> =
			read.problem === 'notXml'
				? { line: read.line }
				: read.problem === 'notXliff2'
					? { version: read.version }
					: {};
		return fail({ message: `xliff.errors.${read.problem}`, values });
	}
	const doc = read.document;
	const problems: Problem[] = [];
	if (doc.srcLang !== version.sourceLanguage)
		problems.push({
			message: 'xliff.errors.wrongSource',
			values: { found: doc.srcLang, expected: version.sourceLanguage }
		});
	const language = targets.find((l) => l === doc.trgLang);
	if (!language)
		problems.push({ message: 'xliff.errors.wrongTarget', values: { found: doc.trgLang } });
	if (!doc.files.length) problems.push({ message: 'xliff.errors.noFiles' });

	const plans: FormatPlan[] = [];
	const seen = new Set<string>();
	for (const file of doc.files) {
		const texts = version.formats.find((f) => f.format === file.id);
		if (file.original !== originalOf(version, file.id) || !texts || seen.has(file.id)) {
			problems.push(wrongFile(file, version));
			continue;
		}
		seen.add(file.id);
		const format = texts.format;
		const ref = (path: string) => ({ format, path });
		const source = sourceFields(texts);
		const known = new Map(source.map((x) => [x.path, x.text]));
		const ids = file.units.map((u) => u.id);
		byCode(
			problems,
			'xliff.errors.duplicate',
			[...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))].map(ref)
		);
		byCode(problems, 'xliff.errors.unknown', ids.filter((id) => !known.has(id)).map(ref));
		byCode(
			problems,
			'xliff.errors.missing',
			source.filter((x) => !ids.includes(x.path)).map((x) => ref(x.path))
		);
		const units = file.units.filter((u) => known.has(u.id));
		// Stale: the source now differs from what the file was made from (its recorded hash),
		// or from the source the tool sent back.
		byCode(
			problems,
			'xliff.errors.stale',
			units
				.filter((u) => {
					const now = known.get(u.id) ?? '';
					const madeFrom = u.sourceHash ?? sourceHash(u.source);
					return madeFrom !== sourceHash(now) || words(u.source) !== words(now);
				})
				.map((u) => ref(u.id))
		);
		byCode(
			problems,
			'xliff.errors.markup',
			units.filter((u) => u.markup || hasControl(u.target ?? '')).map((u) => ref(u.id))
		);
		if (!language) continue;
		const plan = planFormat(texts, units, language);
		if ('problems' in plan) problems.push(...plan.problems);
		else plans.push(plan);
	}
	return problems.length || !language
		? { ok: false, problems }
		: { ok: true, language, formats: plans };
}

/** Text with every run of white space as one space: how a tool's returned source is compared. */
const words = (text: string) => text.trim().replace(/\s+/g, ' ');

const fail = (problem: Problem): Plan => ({ ok: false, problems: [problem] });

function wrongFile(file: XliffFile, version: VersionTexts): Problem {
	const m = /^briefings\/([^/]+)\/versions\/(\d+)\/(\w+)$/.exec(file.original ?? '');
	if (m && m[1] === version.briefingId && Number(m[2]) !== version.number)
		return { message: 'xliff.errors.wrongVersion', values: { found: Number(m[2]) } };
	if (!m || m[1] !== version.briefingId) return { message: 'xliff.errors.wrongBriefing' };
	return { message: 'xliff.errors.unknownFormat', values: { found: file.id } };
}

/** The new draft of one format: the translation so far with the file's targets in place. */
function planFormat(
	texts: FormatTexts,
	units: Array<{ id: string; target: string | null }>,
	language: LanguageCode
): FormatPlan | { problems: Problem[] } {
	const format = texts.format;
	const translation = texts.translations.get(language);
	const before = translation ?? translationStart(texts.source);
	let draft: VariantDraft | null = { ...before, translationChecked: false };
	for (const u of units) draft = draft && withText(draft, u.id, u.target ?? '');
	if (!draft)
		// The translation's sections or rows no longer line up with the source's.
		return { problems: [{ message: 'xliff.errors.shape', values: { format } }] };
	const result = draftToVariant(draft, language);
	const wrong = result.ok ? [] : result.errors.filter((e) => e.message !== 'errors.required');
	if (wrong.length)
		return {
			problems: wrong.map((e) => ({
				message: e.message,
				values: e.values,
				fields: [{ format, path: e.field }]
			}))
		};
	const sourceTexts = textsOf(texts.source);
	const current = textsOf(before);
	const next = textsOf(draft);
	const rows = sourceFields(texts).map((x) => ({
		path: x.path,
		source: sourceTexts.get(x.path) ?? '',
		current: current.get(x.path) ?? '',
		imported: next.get(x.path) ?? ''
	}));
	// A format the file leaves untranslated, with no translation yet, stores nothing.
	const changed = rows.some((r) => normText(r.current) !== normText(r.imported));
	return {
		format,
		draft,
		complete: result.ok,
		progress: translationProgress(draft, new Map(sourceFields(texts).map((x) => [x.path, x.text]))),
		changed,
		rows
	};
}
