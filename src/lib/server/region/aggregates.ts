import {
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	randomUUID,
	sign,
	verify,
	type KeyObject
} from 'node:crypto';
import { z } from 'zod';
import { defaultChartSettings } from '$lib/domain/measurement/aim';
import { buildChart } from '$lib/domain/measurement/chart';
import { discloseChart, type DisclosedChart } from '$lib/domain/measurement/disclosure';
import { measures, type MeasurePoint } from '$lib/domain/measurement/measures';
import { regionalMeasures, type RegionalMeasure } from '$lib/domain/region';
import {
	AGGREGATES_KIND,
	AggregateFile,
	AggregateRow,
	discloseReceived,
	formatFingerprint,
	KEY_KIND,
	KeyFile,
	measureRows,
	signedBytes,
	type AggregatePayload,
	type ReceiveProblem
} from '$lib/domain/region-aggregates';
import { inTransaction, type Db } from '../db/database';
import { isUniqueViolation } from '../db/sql';
import { recordAudit } from '../repositories/audit';
import { organisationToday } from '../repositories/organisations';
import { disclosedMonthlyCharts } from './monthly-charts';
import { sharedMeasures } from './shares';

/*
 * The regional view across separate installs (issue 19, part 4).
 *
 * Sending: an organisation's admin downloads the install's key file once and gives it to their
 * regional lead; each month they download the aggregates file (the measures they share, each
 * month's figures through disclosure control, complete months only) and send it. The file is
 * signed with the install's Ed25519 key, kept in install_key (migration 043), made the first
 * time it is needed; every app server of an install shares it through the database.
 *
 * Receiving: the regional lead adds the organisation from its key file (after reading the
 * fingerprint to each other), then uploads each file it sends. A file is checked whole before
 * anything is kept — its JSON and every field, a key added to this region, the signature, the
 * organisation the key was added for — and refused whole otherwise. Disclosure control is applied
 * again. A file for a month already received replaces it (the same file twice changes nothing);
 * one signed earlier than what was kept for that month is refused, so an old file cannot undo a
 * correction.
 */

const KEY_ID = 'aggregates';
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

interface InstallKey {
	publicKey: string;
	privateKey: KeyObject;
	fingerprint: string;
}

const fingerprintOf = (spkiBase64: string) =>
	formatFingerprint(createHash('sha256').update(Buffer.from(spkiBase64, 'base64')).digest('hex'));

/** This install's signing key, made (once, whichever server is first) when first needed. */
export async function installKey(db: Db, now = new Date()): Promise<InstallKey> {
	const read = () =>
		db
			.selectFrom('install_key')
			.select(['public_key', 'private_key'])
			.where('id', '=', KEY_ID)
			.executeTakeFirst();
	let row = await read();
	if (!row) {
		const pair = generateKeyPairSync('ed25519');
		await db
			.insertInto('install_key')
			.values({
				id: KEY_ID,
				public_key: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
				private_key: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
				created_at: now.toISOString()
			})
			.onConflict((oc) => oc.column('id').doNothing())
			.execute();
		row = await read();
		if (!row) throw new Error('install_key: not kept');
	}
	return {
		publicKey: row.public_key,
		privateKey: createPrivateKey({
			key: Buffer.from(row.private_key, 'base64'),
			format: 'der',
			type: 'pkcs8'
		}),
		fingerprint: fingerprintOf(row.public_key)
	};
}

/** The key file an organisation's admin gives its regional lead. */
export async function keyFile(
	db: Db,
	organisation: { id: string; name: string }
): Promise<KeyFile> {
	const key = await installKey(db);
	return {
		kind: KEY_KIND,
		version: 1,
		organisation: { id: organisation.id, name: organisation.name },
		publicKey: key.publicKey,
		fingerprint: key.fingerprint
	};
}

/**
 * The organisation's aggregates for its region, signed: the measures it shares, each complete
 * month as its region would see it here. Null when it shares none.
 */
export async function signedAggregates(
	db: Db,
	actor: { id: string; organisationId: string },
	organisation: { id: string; name: string },
	now = new Date()
): Promise<AggregateFile | null> {
	const shared = await sharedMeasures(db, organisation.id);
	if (shared.length === 0) return null;
	const [charts, today, key] = await Promise.all([
		disclosedMonthlyCharts(db, organisation.id, shared, now),
		organisationToday(db, organisation.id, now),
		installKey(db, now)
	]);
	const period = monthBefore(today);
	const payload: AggregatePayload = {
		kind: AGGREGATES_KIND,
		version: 1,
		organisation: { id: organisation.id, name: organisation.name },
		period,
		issuedAt: now.toISOString(),
		measures: Object.fromEntries(
			shared.map((m) => [
				m,
				(charts.get(m)?.rows ?? [])
					.filter((r) => !r.inProgress && r.period <= period)
					.map((r) =>
						r.withheld.value
							? { period: r.period, numerator: null, denominator: null, withheld: true }
							: {
									period: r.period,
									numerator: r.numerator,
									denominator: r.denominator,
									withheld: false
								}
					)
			])
		)
	};
	const signature = sign(null, signedBytes(payload), key.privateKey).toString('base64');
	await recordAudit(
		db,
		{
			organisationId: actor.organisationId,
			actorId: actor.id,
			action: 'region.exported',
			subjectType: 'organisation',
			subjectId: organisation.id,
			detail: { after: { period, measures: shared } }
		},
		now
	);
	return { payload, signature: { algorithm: 'Ed25519', key: key.fingerprint, value: signature } };
}

/** The month before a day's month (YYYY-MM-DD, or an ISO instant's date): the latest complete one. */
export function monthBefore(day: string): string {
	const [year, month] = day.split('-').map(Number) as [number, number];
	return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

/** The first problem's place in the file, e.g. "payload.measures.coverage.3.numerator". */
const placeOf = (error: z.ZodError) => error.issues[0]?.path.map(String).join('.') ?? '';

export type KeyFileProblem =
	'file' | 'notJson' | 'malformed' | 'alreadyAdded' | 'isFiguresFile' | 'alreadyMember';

export type CheckedKeyFile =
	| {
			ok: true;
			file: KeyFile;
			fingerprint: string;
			/** Added before with another key, which this one would replace. */
			replacing: boolean;
	  }
	| { ok: false; problem: KeyFileProblem; place?: string };

/**
 * Reads a key file for the lead's region without adding it: the lead checks the fingerprint
 * with the organisation before adding (addRemote). Refuses an organisation already in the
 * region on this service (it would be counted twice) and one already added with this key.
 */
export async function checkKeyFile(
	db: Db,
	actor: { regionId: string },
	text: string
): Promise<CheckedKeyFile> {
	const json = parseJson(text);
	if (!json.ok) return { ok: false, problem: 'notJson' };
	const parsed = KeyFile.safeParse(json.value);
	if (!parsed.success) {
		// The other file, chosen in the wrong place: say so, not where it fails to be a key file.
		if (AggregateFile.safeParse(json.value).success) return { ok: false, problem: 'isFiguresFile' };
		return { ok: false, problem: 'malformed', place: placeOf(parsed.error) };
	}
	const file = parsed.data;
	let fingerprint: string;
	try {
		const key = createPublicKey({
			key: Buffer.from(file.publicKey, 'base64'),
			format: 'der',
			type: 'spki'
		});
		if (key.asymmetricKeyType !== 'ed25519')
			return { ok: false, problem: 'malformed', place: 'publicKey' };
		fingerprint = fingerprintOf(file.publicKey);
	} catch {
		return { ok: false, problem: 'malformed', place: 'publicKey' };
	}
	if (fingerprint !== file.fingerprint)
		return { ok: false, problem: 'malformed', place: 'fingerprint' };
	const [member, before] = await Promise.all([
		db
			.selectFrom('region_member')
			.select('organisation_id')
			.where('organisation_id', '=', file.organisation.id)
			.where('region_id', '=', actor.regionId)
			.executeTakeFirst(),
		db
			.selectFrom('region_remote')
			.select('fingerprint')
			.where('region_id', '=', actor.regionId)
			.where('source_id', '=', file.organisation.id)
			.executeTakeFirst()
	]);
	if (member) return { ok: false, problem: 'alreadyMember' };
	if (before?.fingerprint === fingerprint) return { ok: false, problem: 'alreadyAdded' };
	return { ok: true, file, fingerprint, replacing: Boolean(before) };
}

export type AddRemoteResult =
	| { ok: true; id: string; name: string; fingerprint: string; keyReplaced: boolean }
	| { ok: false; problem: KeyFileProblem; place?: string };

/**
 * Adds an organisation on its own service to the lead's region from its key file, checked again
 * (checkKeyFile); a new key for one added before replaces its key. Audited.
 */
export async function addRemote(
	db: Db,
	actor: { id: string; organisationId: string; regionId: string },
	text: string,
	now = new Date()
): Promise<AddRemoteResult> {
	const checked = await checkKeyFile(db, actor, text);
	if (!checked.ok) return checked;
	const { file, fingerprint } = checked;
	const name = file.organisation.name;
	try {
		return await inTransaction(db, async (trx): Promise<AddRemoteResult> => {
			const before = await trx
				.selectFrom('region_remote')
				.select(['id', 'fingerprint'])
				.where('region_id', '=', actor.regionId)
				.where('source_id', '=', file.organisation.id)
				.executeTakeFirst();
			if (before?.fingerprint === fingerprint) return { ok: false, problem: 'alreadyAdded' };
			const id = before?.id ?? randomUUID();
			// Added before with another key (its install's key made again): the new key replaces it.
			if (before)
				await trx
					.updateTable('region_remote')
					.set({ name, public_key: file.publicKey, fingerprint })
					.where('id', '=', id)
					.execute();
			else
				await trx
					.insertInto('region_remote')
					.values({
						id,
						region_id: actor.regionId,
						name,
						source_id: file.organisation.id,
						public_key: file.publicKey,
						fingerprint,
						added_by: actor.id,
						added_at: now.toISOString()
					})
					.execute();
			await recordAudit(
				trx,
				{
					organisationId: actor.organisationId,
					actorId: actor.id,
					action: 'region.remoteAdded',
					subjectType: 'region',
					subjectId: actor.regionId,
					detail: {
						...(before ? { before: { fingerprint: before.fingerprint } } : {}),
						after: { name, fingerprint }
					}
				},
				now
			);
			return { ok: true, id, name, fingerprint, keyReplaced: Boolean(before) };
		});
	} catch (error) {
		// Two added at once: the second finds the first's row.
		if (isUniqueViolation(error)) return { ok: false, problem: 'alreadyAdded' };
		throw error;
	}
}

/** Removes an organisation on its own service from the lead's region, with what it sent. */
export async function removeRemote(
	db: Db,
	actor: { id: string; organisationId: string; regionId: string },
	remoteId: string,
	now = new Date()
): Promise<{ name: string } | null> {
	return inTransaction(db, async (trx) => {
		const remote = await trx
			.selectFrom('region_remote')
			.select(['id', 'name', 'fingerprint'])
			.where('id', '=', remoteId)
			.where('region_id', '=', actor.regionId)
			.executeTakeFirst();
		if (!remote) return null;
		await trx.deleteFrom('region_aggregate').where('remote_id', '=', remote.id).execute();
		await trx.deleteFrom('region_remote').where('id', '=', remote.id).execute();
		await recordAudit(
			trx,
			{
				organisationId: actor.organisationId,
				actorId: actor.id,
				action: 'region.remoteRemoved',
				subjectType: 'region',
				subjectId: actor.regionId,
				detail: { before: { name: remote.name, fingerprint: remote.fingerprint } }
			},
			now
		);
		return { name: remote.name };
	});
}

export interface RemoteSummary {
	id: string;
	name: string;
	fingerprint: string;
	addedAt: string;
	/** The latest month received, and when. */
	latest: { period: string; receivedAt: string } | null;
}

/** One organisation on its own service in the lead's region, or null. */
export async function findRemote(db: Db, regionId: string, remoteId: string) {
	return (
		(await db
			.selectFrom('region_remote')
			.select(['id', 'name'])
			.where('id', '=', remoteId)
			.where('region_id', '=', regionId)
			.executeTakeFirst()) ?? null
	);
}

/** The organisations on their own service that send this region their figures. */
export async function listRemotes(db: Db, regionId: string): Promise<RemoteSummary[]> {
	const [remotes, received] = await Promise.all([
		db
			.selectFrom('region_remote')
			.select(['id', 'name', 'fingerprint', 'added_at'])
			.where('region_id', '=', regionId)
			.orderBy('name')
			.execute(),
		db
			.selectFrom('region_aggregate as a')
			.innerJoin('region_remote as r', 'r.id', 'a.remote_id')
			.select(['a.remote_id', 'a.period', 'a.received_at'])
			.where('r.region_id', '=', regionId)
			.orderBy('a.period', 'desc')
			.execute()
	]);
	return remotes.map((r) => {
		const latest = received.find((a) => a.remote_id === r.id);
		return {
			id: r.id,
			name: r.name,
			fingerprint: r.fingerprint,
			addedAt: r.added_at,
			latest: latest ? { period: latest.period, receivedAt: latest.received_at } : null
		};
	});
}

export type ReceiveResult =
	| {
			ok: true;
			name: string;
			period: string;
			measures: RegionalMeasure[];
			replaced: boolean;
			/** Months hidden here by disclosure control that the sender had shown. */
			hidden: number;
	  }
	| { ok: false; problem: ReceiveProblem; place?: string; keptAt?: string };

const signatureValid = (payload: AggregatePayload, signature: string, publicKey: string) => {
	try {
		const key = createPublicKey({
			key: Buffer.from(publicKey, 'base64'),
			format: 'der',
			type: 'spki'
		});
		return verify(null, signedBytes(payload), key, Buffer.from(signature, 'base64'));
	} catch {
		return false;
	}
};

/** Checks a sent file whole and keeps it, or refuses it whole. */
export async function receiveAggregates(
	db: Db,
	actor: { id: string; organisationId: string; regionId: string },
	text: string,
	now = new Date()
): Promise<ReceiveResult> {
	const json = parseJson(text);
	if (!json.ok) return { ok: false, problem: 'notJson' };
	const parsed = AggregateFile.safeParse(json.value);
	if (!parsed.success) {
		if (KeyFile.safeParse(json.value).success) return { ok: false, problem: 'isKeyFile' };
		return { ok: false, problem: 'malformed', place: placeOf(parsed.error) };
	}
	const { payload, signature } = parsed.data;
	const candidates = await db
		.selectFrom('region_remote')
		.select(['id', 'name', 'source_id', 'public_key'])
		.where('region_id', '=', actor.regionId)
		.where('fingerprint', '=', signature.key)
		.execute();
	if (candidates.length === 0) return { ok: false, problem: 'unknownKey' };
	if (!candidates.some((c) => signatureValid(payload, signature.value, c.public_key)))
		return { ok: false, problem: 'badSignature' };
	const remote = candidates.find((c) => c.source_id === payload.organisation.id);
	if (!remote) return { ok: false, problem: 'organisationMismatch' };
	// A month not yet over here, or a file from the future: its figures are still filling, and
	// compared it would move every organisation's funnel onto an unfinished month. The sender's
	// month is its own local one: a zone up to 14 hours ahead may be a month on at midnight.
	const latestComplete = monthBefore(new Date(now.getTime() + 14 * HOUR_MS).toISOString());
	if (
		payload.period > latestComplete ||
		Date.parse(payload.issuedAt) > now.getTime() + 5 * MINUTE_MS
	)
		return { ok: false, problem: 'future' };

	const kept = measureRows(payload).map(({ measure, rows }) => ({
		measure,
		...discloseReceived(rows)
	}));
	const stored = JSON.stringify(Object.fromEntries(kept.map((k) => [k.measure, k.rows])));
	return inTransaction(db, async (trx): Promise<ReceiveResult> => {
		const before = await trx
			.selectFrom('region_aggregate')
			.select(['issued_at'])
			.where('remote_id', '=', remote.id)
			.where('period', '=', payload.period)
			.executeTakeFirst();
		if (before && before.issued_at > payload.issuedAt)
			return { ok: false, problem: 'older', keptAt: before.issued_at };
		const values = {
			measures: stored,
			issued_at: payload.issuedAt,
			received_at: now.toISOString(),
			received_by: actor.id
		};
		// Kept only if not older than what is there, checked in the write itself too: of two
		// uploads at once, an older file committing last cannot overwrite a newer one.
		const written = await trx
			.insertInto('region_aggregate')
			.values({ remote_id: remote.id, period: payload.period, ...values })
			.onConflict((oc) =>
				oc
					.columns(['remote_id', 'period'])
					.doUpdateSet(values)
					.where('region_aggregate.issued_at', '<=', payload.issuedAt)
			)
			.executeTakeFirst();
		if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0)
			return { ok: false, problem: 'older', keptAt: before?.issued_at };
		// The name the organisation signed is the one shown (the key file's was not signed).
		if (payload.organisation.name !== remote.name)
			await trx
				.updateTable('region_remote')
				.set({ name: payload.organisation.name })
				.where('id', '=', remote.id)
				.execute();
		await recordAudit(
			trx,
			{
				organisationId: actor.organisationId,
				actorId: actor.id,
				action: 'region.received',
				subjectType: 'region',
				subjectId: actor.regionId,
				detail: {
					after: {
						name: payload.organisation.name,
						period: payload.period,
						measures: kept.map((k) => k.measure)
					}
				}
			},
			now
		);
		return {
			ok: true,
			name: payload.organisation.name,
			period: payload.period,
			measures: kept.map((k) => k.measure),
			replaced: Boolean(before),
			hidden: kept.reduce((s, k) => s + k.hidden, 0)
		};
	});
}

const StoredMeasures = z.partialRecord(z.enum(regionalMeasures), z.array(AggregateRow));

/**
 * A received measure's monthly chart: the months shown as sent, the hidden ones marked hidden.
 * Its centre line and limits are worked out here from the months shown only, so no hidden
 * figure goes into them (they may differ a little from the sender's own chart).
 */
export function receivedChart(
	measure: RegionalMeasure,
	rows: readonly AggregateRow[]
): DisclosedChart {
	const points: MeasurePoint[] = rows.map((r) => ({
		period: r.period,
		numerator: r.numerator ?? 0,
		denominator: r.denominator,
		value:
			r.withheld || r.numerator === null || !r.denominator
				? null
				: (100 * r.numerator) / r.denominator
	}));
	const chart = discloseChart(
		buildChart(points, measures[measure], defaultChartSettings),
		measures[measure].unit,
		false
	);
	const withheld = new Set(rows.filter((r) => r.withheld).map((r) => r.period));
	return {
		...chart,
		rows: chart.rows.map((row) =>
			withheld.has(row.period)
				? {
						...row,
						value: null,
						numerator: null,
						denominator: null,
						withheld: { value: true, numerator: true, denominator: true }
					}
				: row
		),
		allWithheld: rows.length > 0 && rows.every((r) => r.withheld)
	};
}

/** Each organisation on its own service with its latest month's charts, for the regional view. */
export async function receivedCharts(
	db: Db,
	regionId: string
): Promise<Array<{ id: string; name: string; charts: Map<RegionalMeasure, DisclosedChart> }>> {
	const rows = await db
		.selectFrom('region_aggregate as a')
		.innerJoin('region_remote as r', 'r.id', 'a.remote_id')
		.select(['r.id', 'r.name', 'a.period', 'a.measures'])
		.where('r.region_id', '=', regionId)
		.orderBy('a.period', 'desc')
		.execute();
	const latest = new Map<string, (typeof rows)[number]>();
	for (const row of rows) if (!latest.has(row.id)) latest.set(row.id, row);
	return [...latest.values()].map((row) => {
		const stored = StoredMeasures.parse(JSON.parse(row.measures));
		const charts = new Map<RegionalMeasure, DisclosedChart>();
		for (const [measure, measureRows] of Object.entries(stored) as Array<
			[RegionalMeasure, AggregateRow[]]
		>)
			charts.set(measure, receivedChart(measure, measureRows));
		return { id: row.id, name: row.name, charts };
	});
}
