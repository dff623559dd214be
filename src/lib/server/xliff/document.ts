import { createHash } from 'node:crypto';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/*
 * XLIFF 2.0 (OASIS, urn:oasis:names:tc:xliff:document:2.0) as a translation agency's tools
 * read and write it, through fast-xml-parser: no XML is parsed or written by hand here.
 *
 * What the toolkit writes: one <file> a format (id `leaflet`, original
 * `briefings/<briefing id>/versions/<number>/leaflet`), one <unit> a translatable field, its id
 * the field's path as the editor names it (`sections.0.heading`), one <segment> holding the
 * source text and any translation so far. Each unit carries the SHA-256 of the source text it
 * was made from in the Metadata module (`<mda:meta type="sourceSha256">`), so an import can
 * tell a source that changed since the export even when a tool rewrote the <source> element.
 *
 * What it reads back: the same, from any tool. Refused before parsing: anything with a DTD
 * (`<!DOCTYPE`), so no external entity is ever fetched and no entity expanded (billion laughs);
 * the parser itself is told to expand none beyond XML's own five and character references.
 */

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
const MDA_NS = 'urn:oasis:names:tc:xliff:metadata:2.0';
/** The largest file an import reads: far more than any briefing's text in every format. */
export const XLIFF_MAX_BYTES = 1024 * 1024;
/** The largest file a form takes: the XLIFF limit, within the server's body limit (with room for the form). */
export const xliffMaxBytes = (bodySizeLimit: number) =>
	Math.min(XLIFF_MAX_BYTES, bodySizeLimit - 64 * 1024);

/** The hash an export records for a source text (the text as compared: see `normText`). */
export const sourceHash = (text: string) =>
	createHash('sha256').update(normText(text), 'utf8').digest('hex');

/** Text as compared: lines trimmed, blank lines dropped, as the translation code compares. */
export const normText = (text: string) =>
	text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean)
		.join('\n');

export interface XliffUnit {
	/** The field's path (`sections.0.heading`). */
	id: string;
	/** A name people read (the editor's label), written for the translator's tool. */
	name?: string;
	source: string;
	/** The translation; null when the unit has none (or an empty one). */
	target: string | null;
	/** The hash of the source it was exported from; null when the file holds none. */
	sourceHash: string | null;
	/** Whether the target held inline markup (codes, placeholders) rather than plain text. */
	markup: boolean;
}

export interface XliffFile {
	id: string;
	original: string | null;
	/** A note for the translator (how lines and the file's purpose work). */
	note?: string;
	units: XliffUnit[];
}

export interface XliffDocument {
	srcLang: string;
	trgLang: string;
	files: XliffFile[];
}

const builder = new XMLBuilder({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	format: true,
	indentBy: '  ',
	suppressEmptyNode: true
});

/** An XLIFF 2.0 document; line breaks in text are kept (`xml:space="preserve"`). */
export function buildXliff(doc: XliffDocument): string {
	const unit = (u: XliffUnit) => ({
		'@_id': u.id,
		...(u.name ? { '@_name': u.name } : {}),
		'mda:metadata': {
			'mda:metaGroup': {
				'@_category': 'nhs-briefing',
				'mda:meta': { '@_type': 'sourceSha256', '#text': sourceHash(u.source) }
			}
		},
		segment: {
			'@_state': u.target ? 'translated' : 'initial',
			source: u.source,
			...(u.target ? { target: u.target } : {})
		}
	});
	return builder.build({
		'?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
		xliff: {
			'@_xmlns': XLIFF_NS,
			'@_xmlns:mda': MDA_NS,
			'@_version': '2.0',
			'@_srcLang': doc.srcLang,
			'@_trgLang': doc.trgLang,
			'@_xml:space': 'preserve',
			file: doc.files.map((f) => ({
				'@_id': f.id,
				...(f.original ? { '@_original': f.original } : {}),
				'@_canResegment': 'no',
				...(f.note ? { notes: { note: { '@_category': 'instructions', '#text': f.note } } } : {}),
				unit: f.units.map(unit)
			}))
		}
	});
}

export type ReadProblem =
	| { problem: 'notXml'; line: number }
	| { problem: 'doctype' }
	| { problem: 'notXliff2'; version: string }
	| { problem: 'noLanguages' };

export type ReadResult = { ok: true; document: XliffDocument } | ({ ok: false } & ReadProblem);

const lists = new Set(['file', 'group', 'unit', 'segment', 'mda:metaGroup', 'mda:meta', 'note']);
const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	trimValues: false,
	parseTagValue: false,
	parseAttributeValue: false,
	// XML's five entities and character references (&#1575;); a DTD is refused before this.
	processEntities: true,
	htmlEntities: true,
	isArray: (name) => lists.has(name) || /:(metaGroup|meta)$/.test(name)
});

type Node = Record<string, unknown>;
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): Node[] => (Array.isArray(x) ? x.filter(isNode) : isNode(x) ? [x] : []);
const attr = (n: Node, name: string) => {
	const v = n[`@_${name}`];
	return typeof v === 'string' ? v : null;
};

/** A <source> or <target>: its text, and whether it held elements (inline codes) as well. */
function textOf(x: unknown): { text: string; markup: boolean } {
	if (x === undefined || x === null) return { text: '', markup: false };
	if (typeof x === 'string') return { text: x, markup: false };
	if (!isNode(x)) return { text: '', markup: true };
	const keys = Object.keys(x).filter((k) => !k.startsWith('@_'));
	const text = typeof x['#text'] === 'string' ? x['#text'] : '';
	return { text, markup: keys.some((k) => k !== '#text') };
}

/** The hash recorded in a unit's metadata, whatever prefix the tool gave the module. */
function recordedHash(unit: Node): string | null {
	const key = Object.keys(unit).find((k) => k === 'metadata' || k.endsWith(':metadata'));
	for (const group of key ? list(unit[key]) : [])
		for (const [gk, gv] of Object.entries(group))
			if (/(^|:)metaGroup$/.test(gk))
				for (const g of list(gv))
					for (const [mk, mv] of Object.entries(g))
						if (/(^|:)meta$/.test(mk))
							for (const m of list(mv))
								if (attr(m, 'type') === 'sourceSha256' && typeof m['#text'] === 'string')
									return m['#text'].trim();
	return null;
}

function unitsOf(container: Node): Node[] {
	return [...list(container.unit), ...list(container.group).flatMap(unitsOf)];
}

function readUnit(unit: Node): XliffUnit {
	// A tool that split the text into several segments (despite canResegment="no") sends each
	// part in order; the unit's text is theirs joined, as XLIFF defines it.
	const segments = list(unit.segment);
	const source = segments.map((s) => textOf(s.source));
	const target = segments.map((s) => textOf(s.target));
	const joined = target.map((t) => t.text).join(segments.length > 1 ? ' ' : '');
	return {
		id: attr(unit, 'id') ?? '',
		source: source.map((s) => s.text).join(segments.length > 1 ? ' ' : ''),
		target: joined.trim() === '' ? null : joined,
		sourceHash: recordedHash(unit),
		markup: target.some((t) => t.markup)
	};
}

/**
 * Reads an XLIFF 2.0 document, or says why it is not one: not well-formed XML (with the line),
 * a DTD present, another version of XLIFF (1.2 is named), or no source and target languages.
 */
export function readXliff(text: string): ReadResult {
	const body = text.replace(/^\uFEFF/, '');
	// Before any parsing: a DTD is how external entities and entity bombs arrive.
	if (/<!DOCTYPE|<!ENTITY/i.test(body)) return { ok: false, problem: 'doctype' };
	const valid = XMLValidator.validate(body);
	if (valid !== true) return { ok: false, problem: 'notXml', line: valid.err.line ?? 1 };
	const parsed: unknown = parser.parse(body);
	const root = isNode(parsed) && isNode(parsed.xliff) ? parsed.xliff : null;
	const version = root ? (attr(root, 'version') ?? '') : '';
	if (!root || attr(root, 'xmlns') !== XLIFF_NS || !/^2\.\d$/.test(version))
		return { ok: false, problem: 'notXliff2', version: version || '?' };
	const srcLang = attr(root, 'srcLang');
	const trgLang = attr(root, 'trgLang');
	if (!srcLang || !trgLang) return { ok: false, problem: 'noLanguages' };
	return {
		ok: true,
		document: {
			srcLang,
			trgLang,
			files: list(root.file).map((f) => ({
				id: attr(f, 'id') ?? '',
				original: attr(f, 'original'),
				units: unitsOf(f).map(readUnit)
			}))
		}
	};
}
