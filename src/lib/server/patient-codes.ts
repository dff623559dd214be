import { randomBytes, randomInt } from 'node:crypto';
import {
	PATIENT_CODE_ALPHABET,
	PATIENT_CODE_LENGTH,
	PATIENT_LINK_DAYS,
	type PatientCodeRequest,
	type PatientCodeResponse
} from '$lib/domain/patient-code';
import type { Db } from './db/database';
import {
	addressKey,
	hitRateLimits,
	rateLimitedNow,
	type Limit,
	type RateDecision
} from './rate-limit';
import { patientTokenHash } from './sync/patient-token';

/*
 * Typed patient codes. The ward asks for one when it shows the QR code, while online, before the
 * record is saved: the code then opens the briefing at once. It holds the QR code's token's
 * hash, and opens the page with a token of its own (`link_token`: we never hold the QR code's
 * token to put in a link); feedback and view events through that token are counted as the QR
 * code's (linkTokenHash), so they join the delivery when its record arrives.
 * Guessing is slowed by counting wrong codes per address and across the service; a lookup is
 * refused *before* it is tried once either is at its limit, so a refused guess learns nothing.
 * The odds, with the arithmetic: docs/architecture.md, "Typed patient codes".
 */

/** Wrong codes: a person mistyping a few times is never slowed; a script is, soon. */
export const CODE_LIMITS: { address: Limit; service: Limit } = {
	address: { max: 10, windowMinutes: 15 },
	service: { max: 600, windowMinutes: 60 }
};

const LINK_MS = PATIENT_LINK_DAYS * 86_400_000;

function randomCode(): string {
	let code = '';
	for (let i = 0; i < PATIENT_CODE_LENGTH; i++)
		code += PATIENT_CODE_ALPHABET[randomInt(PATIENT_CODE_ALPHABET.length)];
	return code;
}

/**
 * The code for a QR code's token: the same one again when asked again (a retry, a reload), else a
 * new one, unique among the live codes. `unknownBriefing` when the briefing is not the ward's
 * organisation's.
 */
export async function issuePatientCode(
	db: Db,
	organisationId: string,
	input: PatientCodeRequest,
	now = new Date()
): Promise<PatientCodeResponse | 'unknownBriefing'> {
	const briefing = await db
		.selectFrom('briefing')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.where('id', '=', input.briefingId)
		.executeTakeFirst();
	if (!briefing) return 'unknownBriefing';
	const tokenHash = patientTokenHash(input.token);
	const existing = () =>
		db
			.selectFrom('patient_code')
			.select(['code', 'expires_at'])
			.where('organisation_id', '=', organisationId)
			.where('token_hash', '=', tokenHash)
			.where('expires_at', '>', now.toISOString())
			.executeTakeFirst();
	const found = await existing();
	if (found) return { code: found.code, expiresAt: found.expires_at };

	// Expired codes go, so that their codes (and the token) may be used again.
	await db
		.deleteFrom('patient_code')
		.where('expires_at', '<=', now.toISOString()) // tenancy: service-wide housekeeping
		.execute();
	const expiresAt = new Date(now.getTime() + LINK_MS).toISOString();
	// 31^8 codes: a clash with a live one is rare (about one in 85 million per live code
	// at a million live); each try is a fresh draw.
	for (let attempt = 0; attempt < 5; attempt++) {
		const code = randomCode();
		if (await isPosterCode(db, code)) continue;
		const inserted = await db
			.insertInto('patient_code')
			.values({
				code,
				organisation_id: organisationId,
				briefing_id: input.briefingId,
				language: input.language,
				format: input.format,
				token_hash: tokenHash,
				link_token: randomBytes(16).toString('base64url'),
				created_at: now.toISOString(),
				expires_at: expiresAt
			})
			.onConflict((oc) => oc.doNothing())
			.returning('code')
			.execute();
		if (inserted.length > 0) return { code, expiresAt };
		// The same token asked twice at once: the other request's code is the one.
		const raced = await existing();
		if (raced) return { code: raced.code, expiresAt: raced.expires_at };
	}
	throw new Error('No free patient code after 5 tries');
}

/** Where a typed code leads: a delivery's briefing as given, or a poster's public page. */
export type CodeTarget =
	| {
			kind: 'delivery';
			organisationSlug: string;
			slug: string;
			language: string;
			format: string;
			/** The token the page's link carries (the code's own). */
			linkToken: string;
	  }
	| { kind: 'poster'; organisationSlug: string; slug: string };

const isPosterCode = async (db: Db, code: string) =>
	Boolean(
		await db
			.selectFrom('poster_code')
			.select('code')
			.where('code', '=', code) // tenancy: a code is unique across the service
			.executeTakeFirst()
	);

/**
 * A briefing's standing poster code (the same every time), issued on first asking; unique
 * across poster and patient codes. Null when the briefing is not the organisation's.
 */
export async function posterCode(
	db: Db,
	organisationId: string,
	briefingId: string,
	now = new Date()
): Promise<string | null> {
	const briefing = await db
		.selectFrom('briefing')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.where('id', '=', briefingId)
		.executeTakeFirst();
	if (!briefing) return null;
	const existing = () =>
		db
			.selectFrom('poster_code')
			.select('code')
			.where('organisation_id', '=', organisationId)
			.where('briefing_id', '=', briefingId)
			.executeTakeFirst();
	const found = await existing();
	if (found) return found.code;
	for (let attempt = 0; attempt < 5; attempt++) {
		const code = randomCode();
		const live = await db
			.selectFrom('patient_code')
			.select('code')
			.where('code', '=', code) // tenancy: a code is unique across the service
			.executeTakeFirst();
		if (live) continue;
		const inserted = await db
			.insertInto('poster_code')
			.values({
				code,
				organisation_id: organisationId,
				briefing_id: briefingId,
				created_at: now.toISOString()
			})
			.onConflict((oc) => oc.doNothing())
			.returning('code')
			.execute();
		if (inserted.length > 0) return code;
		// Asked twice at once: the other request's code is the briefing's.
		const raced = await existing();
		if (raced) return raced.code;
	}
	throw new Error('No free poster code after 5 tries');
}

/** A poster's code leads to its briefing's public page while the briefing is published. */
async function posterTarget(db: Db, code: string): Promise<CodeTarget | null> {
	const row = await db
		.selectFrom('poster_code')
		.innerJoin('organisation', 'organisation.id', 'poster_code.organisation_id')
		.innerJoin('briefing', 'briefing.id', 'poster_code.briefing_id')
		.innerJoin('briefing_version', 'briefing_version.briefing_id', 'briefing.id')
		.select(['organisation.slug as organisationSlug', 'briefing.slug'])
		.where('poster_code.code', '=', code) // tenancy: the code decides the organisation
		.where('briefing_version.status', '=', 'published')
		.where('organisation.suspended_at', 'is', null)
		.executeTakeFirst();
	return row ? { kind: 'poster', ...row } : null;
}

/**
 * Where a live code leads; null when it is unknown, expired, its delivery was undone, its
 * poster's briefing is no longer published, or its organisation suspended. Never says which.
 */
export async function codeTarget(
	db: Db,
	code: string,
	now = new Date()
): Promise<CodeTarget | null> {
	const row = await db
		.selectFrom('patient_code')
		.innerJoin('organisation', 'organisation.id', 'patient_code.organisation_id')
		.innerJoin('briefing', 'briefing.id', 'patient_code.briefing_id')
		.leftJoin('patient_link', 'patient_link.token_hash', 'patient_code.token_hash')
		.leftJoin('delivery_record', 'delivery_record.id', 'patient_link.delivery_id')
		.select([
			'organisation.slug as organisationSlug',
			'briefing.slug',
			'patient_code.language',
			'patient_code.format',
			'patient_code.link_token as linkToken',
			'delivery_record.voided_at'
		])
		.where('patient_code.code', '=', code) // tenancy: the code decides the organisation
		.where('patient_code.expires_at', '>', now.toISOString())
		.where('organisation.suspended_at', 'is', null)
		.executeTakeFirst();
	if (!row) return posterTarget(db, code);
	if (row.voided_at) return null;
	const { organisationSlug, slug, language, format, linkToken } = row;
	return { kind: 'delivery', organisationSlug, slug, language, format, linkToken };
}

/**
 * A typed code looked up, as the patient's code page does: refused (with the minutes to wait)
 * while this address or the service has had too many wrong codes; a wrong code is counted.
 */
export async function lookUpCode(
	db: Db,
	code: string | null,
	address: string,
	now = new Date()
): Promise<CodeTarget | 'wrong' | Extract<RateDecision, { limited: true }>> {
	const keys = [
		{ key: `code:${addressKey(address)}`, limit: CODE_LIMITS.address },
		{ key: 'code:service', limit: CODE_LIMITS.service }
	];
	const before = await rateLimitedNow(db, keys, now);
	if (before.limited) return before;
	const target = code ? await codeTarget(db, code, now) : null;
	if (target) return target;
	const counted = await hitRateLimits(db, keys, now);
	return counted.limited ? counted : 'wrong';
}

/**
 * The hash feedback and view events are kept under for a token on a patient's page: the QR
 * code's token's own, or, for a live code's link token, the QR code's token's hash it stands
 * for. So a patient who typed the code is counted with the delivery, as one who scanned.
 */
export async function linkTokenHash(db: Db, token: string, now = new Date()): Promise<string> {
	const viaCode = await db
		.selectFrom('patient_code')
		.select('token_hash')
		.where('link_token', '=', token) // tenancy: the token decides
		.where('expires_at', '>', now.toISOString())
		.executeTakeFirst();
	return viaCode?.token_hash ?? patientTokenHash(token);
}
