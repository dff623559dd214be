import type { BriefingVariant } from './briefing';
import { textFields } from './variant-fields';

/**
 * What changed between two versions, field by field, in words. Each variant (format and
 * language) is compared with the variant of the same format and language in the other
 * version; a field is compared word by word with a longest-common-subsequence diff
 * (Hunt–McIlroy), so "Wash your hands" → "Wash your hands often" reads as one word added.
 *
 * Example: diffWords('a b c', 'a c d') → [same a] [removed b] [same c] [added d].
 */
export type Piece = { kind: 'same' | 'added' | 'removed'; text: string };

export function diffWords(before: string, after: string): Piece[] {
	const a = before.split(/\s+/).filter(Boolean);
	const b = after.split(/\s+/).filter(Boolean);
	// lcs(i, j): length of the longest common subsequence of a[i..] and b[j..], in one flat array.
	const width = b.length + 1;
	const table = new Int32Array((a.length + 1) * width);
	const lcs = (i: number, j: number) => table[i * width + j] ?? 0;
	for (let i = a.length - 1; i >= 0; i--)
		for (let j = b.length - 1; j >= 0; j--)
			table[i * width + j] =
				a[i] === b[j] ? lcs(i + 1, j + 1) + 1 : Math.max(lcs(i + 1, j), lcs(i, j + 1));
	const pieces: Piece[] = [];
	const push = (kind: Piece['kind'], word: string) => {
		const last = pieces.at(-1);
		if (last?.kind === kind) last.text += ` ${word}`;
		else pieces.push({ kind, text: word });
	};
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		const [x, y] = [a[i] as string, b[j] as string];
		if (x === y) {
			push('same', x);
			i++;
			j++;
		} else if (lcs(i + 1, j) >= lcs(i, j + 1)) {
			push('removed', x);
			i++;
		} else {
			push('added', y);
			j++;
		}
	}
	for (; i < a.length; i++) push('removed', a[i] as string);
	for (; j < b.length; j++) push('added', b[j] as string);
	return pieces;
}

export interface FieldChange {
	path: string;
	label: string;
	values: Record<string, number>;
	pieces: Piece[];
	added: number;
	removed: number;
}

export interface VariantChange {
	format: BriefingVariant['format'];
	language: string;
	change: 'added' | 'removed' | 'changed';
	fields: FieldChange[];
	/** Something besides the words changed: a picture, a recording, captions, a setting. */
	otherChanged: boolean;
}

// The keys under which a variant holds words (textFields reads them); everything else in it is
// media, symbols, captions or settings.
const wordKeys = new Set([
	'title',
	'heading',
	'text',
	'items',
	'contact',
	'sentence',
	'alt',
	'talkingPoints',
	'thingsToShow',
	'teachBackQuestions',
	'transcript'
]);

/** The variant with its words left out, as JSON: equal for two variants that differ in words only. */
function withoutWords(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutWords);
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value)
				.filter(([key]) => !wordKeys.has(key))
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([key, v]) => [key, withoutWords(v)])
		);
	return value;
}

const countWords = (pieces: Piece[], kind: Piece['kind']) =>
	pieces.filter((p) => p.kind === kind).reduce((n, p) => n + p.text.split(' ').length, 0);

/** Every variant that differs between `from` and `to`, with its changed fields. */
export function diffVersions(
	from: readonly BriefingVariant[],
	to: readonly BriefingVariant[]
): VariantChange[] {
	const key = (v: BriefingVariant) => `${v.format}:${v.language}`;
	const keys = [...new Set([...from.map(key), ...to.map(key)])].sort();
	const changes: VariantChange[] = [];
	for (const k of keys) {
		const before = from.find((v) => key(v) === k);
		const after = to.find((v) => key(v) === k);
		const sample = (after ?? before) as BriefingVariant;
		const beforeFields = before ? textFields(before) : [];
		const afterFields = after ? textFields(after) : [];
		const paths = [...new Set([...beforeFields, ...afterFields].map((f) => f.path))];
		const fields: FieldChange[] = [];
		for (const path of paths) {
			const b = beforeFields.find((f) => f.path === path);
			const a = afterFields.find((f) => f.path === path);
			if ((b?.text ?? '') === (a?.text ?? '')) continue;
			const pieces = diffWords(b?.text ?? '', a?.text ?? '');
			const named = (a ?? b) as (typeof afterFields)[number];
			fields.push({
				path,
				label: named.label,
				values: named.values,
				pieces,
				added: countWords(pieces, 'added'),
				removed: countWords(pieces, 'removed')
			});
		}
		const change = !before ? 'added' : !after ? 'removed' : 'changed';
		const otherChanged =
			!!before &&
			!!after &&
			JSON.stringify(withoutWords(before)) !== JSON.stringify(withoutWords(after));
		if (change !== 'changed' || fields.length > 0 || otherChanged)
			changes.push({
				format: sample.format,
				language: sample.language,
				change,
				fields,
				otherChanged
			});
	}
	return changes;
}
