import canonicalize from 'canonicalize';
import { z } from 'zod';
import { isSmall, rateShown } from './measurement/disclosure';
import { regionalMeasures, type RegionalMeasure } from './region';

/*
 * The regional view across separate installs (issue 19, part 4): the files an organisation on
 * its own install sends its region, and their checks. Two files, both JSON a person can read:
 *
 * - the key file, downloaded once by the organisation's admin and given to the regional lead:
 *   the organisation's name and id on its own install, and the install's Ed25519 public key with
 *   its fingerprint (which the two read to each other over the phone before the key is added);
 * - the aggregates file, each month: the measures the organisation chose to share, each month's
 *   numerator and denominator as a reader outside the organisation may see them (disclosure
 *   control applied before they leave: a hidden figure is null and `withheld`), and a detached
 *   Ed25519 signature over the payload's RFC 8785 canonical JSON.
 *
 * Nothing about a patient or a record is in either: only monthly counts, 5 and over.
 */

export const AGGREGATES_KIND = 'nhs-safety-briefing-aggregates';
export const KEY_KIND = 'nhs-safety-briefing-aggregates-key';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const count = z.number().int().min(0).max(100_000_000).nullable();

/** One month of one measure, as sent. */
export const AggregateRow = z
	.strictObject({
		period: month,
		numerator: count,
		denominator: count,
		withheld: z.boolean()
	})
	.refine((r) => r.numerator === null || r.denominator === null || r.numerator <= r.denominator, {
		message: 'numerator is more than denominator',
		path: ['numerator']
	})
	.refine((r) => !r.withheld || r.numerator === null, {
		message: 'a withheld month has a numerator',
		path: ['numerator']
	});
export type AggregateRow = z.infer<typeof AggregateRow>;

// Read exactly as signed: nothing here may change a value (no trimming), or the signature,
// worked out over what was read, would be over something other than what was sent.
const organisation = z.strictObject({
	id: z.uuid(),
	name: z.string().min(1).max(200)
});

export const AggregatePayload = z
	.strictObject({
		kind: z.literal(AGGREGATES_KIND),
		version: z.literal(1),
		organisation,
		/** The latest complete month the file covers. */
		period: month,
		issuedAt: z.iso.datetime({ precision: 3 }),
		measures: z
			.partialRecord(z.enum(regionalMeasures), z.array(AggregateRow).max(240))
			.refine((m) => Object.keys(m).length > 0, { message: 'no measures' })
	})
	.superRefine((p, ctx) => {
		for (const [measure, rows] of Object.entries(p.measures)) {
			const seen = new Set<string>();
			for (const [i, r] of (rows ?? []).entries()) {
				if (r.period > p.period || seen.has(r.period))
					ctx.addIssue({
						code: 'custom',
						message: 'a month after the file’s month, or twice',
						path: ['measures', measure, i, 'period']
					});
				seen.add(r.period);
			}
		}
	});
export type AggregatePayload = z.infer<typeof AggregatePayload>;

export const AggregateFile = z.strictObject({
	payload: AggregatePayload,
	signature: z.strictObject({
		algorithm: z.literal('Ed25519'),
		/** The signing key's fingerprint (keyFingerprint). */
		key: z.string().max(200),
		/** base64 */
		value: z.base64().max(200)
	})
});
export type AggregateFile = z.infer<typeof AggregateFile>;

export const KeyFile = z.strictObject({
	kind: z.literal(KEY_KIND),
	version: z.literal(1),
	organisation,
	/** SPKI, DER, base64. */
	publicKey: z.base64().max(200),
	fingerprint: z.string().max(200)
});
export type KeyFile = z.infer<typeof KeyFile>;

/** The bytes that are signed: the payload's canonical JSON (RFC 8785), UTF-8. */
export function signedBytes(payload: AggregatePayload): Uint8Array {
	return new TextEncoder().encode(canonicalize(payload) ?? '');
}

/** A key's fingerprint for people to compare: SHA-256 of its SPKI, in groups of four. */
export function formatFingerprint(sha256Hex: string): string {
	return (
		sha256Hex
			.toUpperCase()
			.match(/.{1,4}/g)
			?.join(' ') ?? ''
	);
}

/** A month's rows as a chart can draw them. */
export function measureRows(
	payload: AggregatePayload
): Array<{ measure: RegionalMeasure; rows: AggregateRow[] }> {
	return regionalMeasures.flatMap((m) => {
		const rows = payload.measures[m];
		return rows
			? [{ measure: m, rows: [...rows].sort((a, b) => a.period.localeCompare(b.period)) }]
			: [];
	});
}

/**
 * The same disclosure control again, on the receiving side: whatever a sending install did, a
 * month whose rate would give away a count from 1 to 4 (or whose numerator or denominator is one)
 * is hidden here before it is kept. Answers the rows to keep and how many months it hid.
 */
export function discloseReceived(rows: readonly AggregateRow[]): {
	rows: AggregateRow[];
	hidden: number;
} {
	let hidden = 0;
	const kept = rows.map((r): AggregateRow => {
		if (r.withheld) return { ...r, numerator: null, denominator: null };
		const small =
			(r.numerator !== null && isSmall(r.numerator)) ||
			(r.denominator !== null && isSmall(r.denominator)) ||
			(r.numerator !== null &&
				r.denominator !== null &&
				r.denominator > 0 &&
				!rateShown(r.numerator, r.denominator));
		if (!small) return r;
		hidden += 1;
		return { period: r.period, numerator: null, denominator: null, withheld: true };
	});
	return { rows: kept, hidden };
}

/**
 * Why a file is refused, as a key under `received.errors` in locales/<lang>/region.json:
 * nothing of a refused file is kept.
 */
export type ReceiveProblem =
	| 'file'
	| 'notJson'
	| 'malformed'
	| 'isKeyFile'
	| 'unknownKey'
	| 'badSignature'
	| 'organisationMismatch'
	| 'future'
	| 'older';
