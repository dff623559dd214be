/*
 * Identifiers a patient may type into a feedback comment, found and masked before it is stored
 * (issue 15, item 10): comments are read by the team that writes the briefings, who must never
 * learn who wrote one. What is found:
 * - an NHS number: ten digits, however spaced, whose check digit is right (modulus 11, as the
 *   NHS Data Dictionary defines it);
 * - a phone number: 10 to 13 digits starting 0, 44 or +44 (UK numbers, spaced, dashed or with
 *   the area code in brackets);
 * - an email address;
 * - a UK postcode (SW1A 1AA, ls1 4ap);
 * - any other number of 6 digits or more (a hospital number, a date of birth written 010190):
 *   feedback has no need of one. Numbers only a space apart are one run of digits, masked
 *   whole (as a number, if the whole is neither of the above).
 * Names cannot be found reliably; the form asks for none, and says so.
 * Times (10:30, 10.30–11.00), ward numbers, counts and years are left alone.
 */

export const identifierKinds = ['nhsNumber', 'phone', 'email', 'postcode', 'number'] as const;
export type IdentifierKind = (typeof identifierKinds)[number];

/** What a masked identifier is replaced by in the stored comment (read by staff, in English). */
export const maskFor: Record<IdentifierKind, string> = {
	nhsNumber: '[NHS number removed]',
	phone: '[phone number removed]',
	email: '[email address removed]',
	postcode: '[postcode removed]',
	number: '[number removed]'
};

/** True for ten digits whose last is the modulus 11 check digit of the other nine. */
export function isValidNhsNumber(digits: string): boolean {
	if (!/^\d{10}$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
	const check = 11 - (sum % 11);
	if (check === 10) return false;
	return (check === 11 ? 0 : check) === Number(digits[9]);
}

const EMAIL = /[^\s@<>()[\]"',;]+@[^\s@<>()[\]"',;]+\.[a-z]{2,}/gi;
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/gi;
/** Digits with single spaces or dashes between groups, an optional + and bracketed area code. */
const DIGITS = /(?<![\w.:])\+?\(?\d(?:\)?[ -]?\(?\d)+\)?(?![\w:]|\.\d)/g;

function kindOfDigits(match: string): IdentifierKind | null {
	const digits = match.replace(/\D/g, '');
	if (digits.length === 10 && isValidNhsNumber(digits)) return 'nhsNumber';
	if (
		digits.length >= 10 &&
		digits.length <= 13 &&
		(digits.startsWith('0') || digits.startsWith('44'))
	)
		return 'phone';
	if (digits.length >= 6) return 'number';
	return null;
}

/** The comment with every identifier found replaced, and the kinds found (each once, in order). */
export function maskIdentifiers(text: string): { text: string; found: IdentifierKind[] } {
	const found = new Set<IdentifierKind>();
	const mask = (kind: IdentifierKind) => {
		found.add(kind);
		return maskFor[kind];
	};
	const masked = text
		.replace(EMAIL, () => mask('email'))
		.replace(DIGITS, (match) => {
			const kind = kindOfDigits(match);
			return kind ? mask(kind) : match;
		})
		.replace(POSTCODE, () => mask('postcode'));
	return { text: masked, found: identifierKinds.filter((k) => found.has(k)) };
}
