/**
 * Phone numbers in a briefing's text, found when the page is drawn so a patient can tap to call
 * (the stored content is never changed). The text is split into parts; a component renders each
 * part as text or as a `tel:` link, so no markup is ever built from content: the link's address
 * is made of digits and a leading `+` only, whatever the text around it holds.
 *
 * What counts as a phone number (UK content first):
 * - a national number: 0 then 9 or 10 more digits, in groups split by spaces, hyphens or
 *   brackets ("0300 123 4567", "(01632) 960000", "07700-900-123");
 * - an international one: + then 8 to 15 digits in all (E.164), likewise grouped
 *   ("+44 20 7946 0000");
 * - 999 and 111 (emergency and NHS 111) standing alone ("call 999 or NHS 111").
 * Anything touching a letter, a digit or a decimal point is left alone ("2026-11-26",
 * "1.5 mg", "0300123456789", "A111").
 */
export type TextPart =
	{ kind: 'text'; text: string } | { kind: 'phone'; text: string; tel: string };

const candidate =
	/(?<![\p{L}\p{N}+.,])(?:\+\d[\d ()-]*\d|\(?0\d[\d ()-]*\d|999|111)(?![\p{L}\p{N}]|[.,]\d)/u;

/** The number to dial, or null when the text is not a phone number after all. */
function dialled(match: string): string | null {
	// "+44 (0)20 …": the bracketed trunk 0 is not dialled from abroad.
	const digits = match.replace(/^(\+\d+ ?)\(0\)/, '$1').replace(/\D/g, '');
	if (match === '999' || match === '111') return match;
	// A run of groups must not swallow the next sentence's numbers: at most one space between.
	if (/ {2}|\( *\)|--/.test(match)) return null;
	if (match.startsWith('+')) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
	return digits.length === 10 || digits.length === 11 ? digits : null;
}

/** The longest phone number `match` starts with, dropping groups of digits from its end. */
function longestNumber(match: string): { text: string; tel: string } | null {
	for (let text = match; text; text = text.slice(0, Math.max(0, text.search(/[ ()-]+\d+$/)))) {
		const tel = dialled(text);
		if (tel) return { text, tel };
	}
	return null;
}

export function splitPhoneNumbers(text: string): TextPart[] {
	// Made per call: a global regular expression holds its position.
	const candidates = new RegExp(candidate.source, 'gu');
	const parts: TextPart[] = [];
	let at = 0;
	for (let match = candidates.exec(text); match; match = candidates.exec(text)) {
		const found = longestNumber(match[0]);
		if (!found) continue;
		if (match.index > at) parts.push({ kind: 'text', text: text.slice(at, match.index) });
		parts.push({ kind: 'phone', ...found });
		at = match.index + found.text.length;
		// What followed the number may hold another ("0300 000 0000 or 111").
		candidates.lastIndex = at;
	}
	if (at < text.length || !parts.length) parts.push({ kind: 'text', text: text.slice(at) });
	return parts;
}
