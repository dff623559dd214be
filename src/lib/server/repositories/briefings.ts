import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BriefingVariant, BriefingVersion, VersionStatus } from '$lib/domain/briefing';
import { BriefingFormat } from '$lib/domain/format';
import { inTransaction, type Db } from '../db/database';
import { lockFor } from '../db/sql';

export interface NewBriefing {
	organisationId: string;
	slug: string;
	topic: string;
	ownerId: string;
}

export async function createBriefing(db: Db, input: NewBriefing) {
	const id = randomUUID();
	await db
		.insertInto('briefing')
		.values({
			id,
			organisation_id: input.organisationId,
			slug: input.slug,
			topic: input.topic,
			owner_id: input.ownerId,
			created_at: new Date().toISOString()
		})
		.execute();
	return { id, ...input };
}

export type NewVersion = Omit<BriefingVersion, 'id' | 'number'>;

/** The `lockFor` key of a briefing's version numbers: held while a version is numbered. */
export const versionNumbersKey = (briefingId: string) => `briefing-version-numbers:${briefingId}`;

/** Adds a version with all its variants in one transaction: never half a version. */
export async function createVersion(db: Db, input: NewVersion, now = new Date()) {
	const id = randomUUID();
	// The same schema the API uses: seed and import content is held to it too.
	BriefingVersion.parse({ ...input, id, number: 1 });
	await inTransaction(db, async (trx) => {
		// Two servers numbering at once: the second reads the max after the first commits.
		await lockFor(trx, versionNumbersKey(input.briefingId));
		const organisationId = await organisationOfBriefing(trx, input.briefingId);
		const { latest } = await trx
			.selectFrom('briefing_version')
			.select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('latest'))
			.where('briefing_id', '=', input.briefingId)
			.where('organisation_id', '=', organisationId)
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('briefing_version')
			.values({
				id,
				organisation_id: organisationId,
				briefing_id: input.briefingId,
				number: Number(latest) + 1,
				status: input.status,
				review_by: input.reviewBy,
				evidence_links: JSON.stringify(input.evidenceLinks),
				user_testing_note: input.userTestingNote,
				approved_by_name: input.approvedBy?.name ?? null,
				approved_at: input.approvedBy?.at ?? null,
				published_at: input.status === 'published' ? now.toISOString() : null,
				is_example: input.isExample ? 1 : 0,
				created_at: now.toISOString(),
				revision: 1
			})
			.execute();
		if (input.variants.length > 0)
			await trx
				.insertInto('briefing_variant')
				.values(
					input.variants.map((v) => ({
						version_id: id,
						organisation_id: organisationId,
						format: v.format,
						language: v.language,
						content: JSON.stringify(v)
					}))
				)
				.execute();
	});
	return id;
}

export async function assignBriefingToGroup(
	db: Db,
	patientGroupId: string,
	briefingId: string,
	position: number
) {
	// The composite foreign key refuses a group of another organisation than the briefing's.
	await db
		.insertInto('patient_group_briefing')
		.values({
			patient_group_id: patientGroupId,
			briefing_id: briefingId,
			organisation_id: await organisationOfBriefing(db, briefingId),
			position
		})
		.execute();
}

/**
 * The organisation a briefing belongs to, for writers that are handed a briefing they (or the
 * seed, or an import) have just made; the children's composite keys then hold them to it.
 */
async function organisationOfBriefing(db: Db, briefingId: string): Promise<string> {
	const { organisation_id } = await db
		.selectFrom('briefing')
		.select('organisation_id')
		.where('id', '=', briefingId) // tenancy: resolves the organisation, reads nothing else
		.executeTakeFirstOrThrow();
	return organisation_id;
}

const Summary = z.object({
	format: BriefingFormat,
	language: z.string()
});

export interface BriefingSummary {
	id: string;
	slug: string;
	topic: string;
	latestVersion: {
		id: string;
		number: number;
		status: VersionStatus;
		returnedAt: string | null;
		reviewBy: string;
		isExample: boolean;
	} | null;
	published: { id: string; number: number; reviewBy: string } | null;
	/** Formats and languages of the published version (or of the latest, when none is). */
	variants: Array<z.infer<typeof Summary>>;
}

/**
 * An organisation's briefings by topic, each with its latest and published versions: all of
 * them, or one page (`window`) of them.
 */
export async function listBriefings(
	db: Db,
	organisationId: string,
	window?: { limit: number; offset: number }
): Promise<BriefingSummary[]> {
	let query = db
		.selectFrom('briefing')
		.select(['id', 'slug', 'topic'])
		.where('organisation_id', '=', organisationId)
		// The id breaks ties between equal topics, so a page holds the same briefings each time.
		.orderBy('topic')
		.orderBy('id');
	if (window) query = query.limit(window.limit).offset(window.offset);
	const briefings = await query.execute(); // tenancy: scoped where the query is begun
	if (briefings.length === 0) return [];
	const versions = await db
		.selectFrom('briefing_version')
		.select(['id', 'briefing_id', 'number', 'status', 'returned_at', 'review_by', 'is_example'])
		.where('organisation_id', '=', organisationId)
		.where(
			'briefing_id',
			'in',
			briefings.map((b) => b.id)
		)
		.orderBy('number', 'desc')
		.execute();
	const variantRows = await variantKeysOf(
		db,
		organisationId,
		versions.map((v) => v.id)
	);
	return briefings.map((b) => {
		const mine = versions.filter((v) => v.briefing_id === b.id);
		const latest = mine[0];
		const published = mine.find((v) => v.status === 'published');
		const shown = published ?? latest;
		return {
			...b,
			latestVersion: latest
				? {
						id: latest.id,
						number: latest.number,
						status: VersionStatus.parse(latest.status),
						returnedAt: latest.returned_at,
						reviewBy: latest.review_by,
						isExample: latest.is_example === 1
					}
				: null,
			published: published
				? { id: published.id, number: published.number, reviewBy: published.review_by }
				: null,
			variants: variantRows.filter((r) => r.version_id === shown?.id).map((r) => Summary.parse(r))
		};
	});
}

/** How many briefings an organisation has. */
export async function countBriefings(db: Db, organisationId: string): Promise<number> {
	const { n } = await db
		.selectFrom('briefing')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('organisation_id', '=', organisationId)
		.executeTakeFirstOrThrow();
	return Number(n);
}

export interface PublishedBriefing {
	briefing: { id: string; slug: string; topic: string; organisationId: string };
	version: {
		id: string;
		number: number;
		reviewBy: string;
		/** When a clinical reviewer signed it off (else when it was published): "Page last reviewed". */
		lastReviewed: string | null;
		isExample: boolean;
		variants: BriefingVariant[];
	};
}

/** The published version of an organisation's briefing, by its public slug, or null. */
export async function publishedBriefingBySlug(
	db: Db,
	organisationId: string,
	slug: string
): Promise<PublishedBriefing | null> {
	const row = await db
		.selectFrom('briefing')
		.innerJoin('briefing_version', 'briefing_version.briefing_id', 'briefing.id')
		.select([
			'briefing.id as briefing_id',
			'briefing.slug',
			'briefing.topic',
			'briefing.organisation_id',
			'briefing_version.id as version_id',
			'briefing_version.number',
			'briefing_version.review_by',
			'briefing_version.approved_at',
			'briefing_version.published_at',
			'briefing_version.is_example'
		])
		.where('briefing.organisation_id', '=', organisationId)
		.where('briefing.slug', '=', slug)
		.where('briefing_version.status', '=', 'published')
		.executeTakeFirst();
	if (!row) return null;
	const variants = await variantsOf(db, organisationId, row.version_id);
	return {
		briefing: {
			id: row.briefing_id,
			slug: row.slug,
			topic: row.topic,
			organisationId: row.organisation_id
		},
		version: {
			id: row.version_id,
			number: row.number,
			reviewBy: row.review_by,
			lastReviewed: row.approved_at ?? row.published_at,
			isExample: row.is_example === 1,
			variants
		}
	};
}

/** Which published briefings each of an organisation's patient groups gets on admission. */
export async function briefingsByGroup(db: Db, organisationId: string) {
	return db
		.selectFrom('patient_group_briefing')
		.innerJoin('patient_group', 'patient_group.id', 'patient_group_briefing.patient_group_id')
		.select(['patient_group_briefing.patient_group_id', 'patient_group_briefing.briefing_id'])
		.where('patient_group.organisation_id', '=', organisationId)
		.orderBy('patient_group_briefing.position')
		.execute();
}

/** The format and language of each variant of `versionIds`, in format then language order. */
export async function variantKeysOf(db: Db, organisationId: string, versionIds: string[]) {
	// `in ()` is SQLite's; PostgreSQL refuses an empty list (see db/sql.ts).
	if (!versionIds.length) return [];
	return db
		.selectFrom('briefing_variant')
		.select(['version_id', 'format', 'language'])
		.where('organisation_id', '=', organisationId)
		.where('version_id', 'in', versionIds)
		.orderBy('format')
		.orderBy('language')
		.execute();
}

/** A version's variants, in format then language order, checked against the domain's schema. */
export async function variantsOf(
	db: Db,
	organisationId: string,
	versionId: string
): Promise<BriefingVariant[]> {
	const rows = await db
		.selectFrom('briefing_variant')
		.select('content')
		.where('organisation_id', '=', organisationId)
		.where('version_id', '=', versionId)
		.orderBy('format')
		.orderBy('language')
		.execute();
	return rows.map((v) => BriefingVariant.parse(JSON.parse(v.content)));
}
