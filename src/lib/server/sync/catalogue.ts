import { DEFAULT_TIME_ZONE } from '$lib/domain/local-time';
import type { Db } from '../db/database';
import { organisationTimeZone } from '../repositories/organisations';

/** What an organisation's records may refer to, read once per batch. */
export interface Catalogue {
	/** Ward id → when it was retired (null: in use); a retired ward takes no new records. */
	wards: Map<string, string | null>;
	patientGroups: Set<string>;
	briefings: Set<string>;
	versions: Map<string, { briefingId: string; status: string; retiredAt: string | null }>;
	/** `versionId format language` of every published (or since retired) version's variants. */
	publishedVariants: Set<string>;
	/** The organisation's zone: decides each record's local day. */
	timeZone: string;
}

export const variantKey = (versionId: string, format: string, language: string) =>
	`${versionId} ${format} ${language}`;

export async function readCatalogue(trx: Db, organisationId: string): Promise<Catalogue> {
	const ids = (rows: Array<{ id: string }>) => new Set(rows.map((r) => r.id));
	const wards = await trx
		.selectFrom('ward')
		.select(['id', 'retired_at'])
		.where('organisation_id', '=', organisationId)
		.execute();
	// Archived groups too: a record made before the group was archived is still a true record.
	const patientGroups = await trx
		.selectFrom('patient_group')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.execute();
	const briefings = await trx
		.selectFrom('briefing')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.execute();
	const versions = await trx
		.selectFrom('briefing_version')
		.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
		.select([
			'briefing_version.id',
			'briefing_version.briefing_id',
			'briefing_version.status',
			'briefing_version.retired_at'
		])
		.where('briefing.organisation_id', '=', organisationId)
		.execute();
	const variants = await trx
		.selectFrom('briefing_variant')
		.innerJoin('briefing_version', 'briefing_version.id', 'briefing_variant.version_id')
		.innerJoin('briefing', 'briefing.id', 'briefing_version.briefing_id')
		.select(['briefing_variant.version_id', 'briefing_variant.format', 'briefing_variant.language'])
		.where('briefing.organisation_id', '=', organisationId)
		.where('briefing_version.status', 'in', ['published', 'retired'])
		.execute();
	const timeZone = await organisationTimeZone(trx, organisationId);
	return {
		timeZone,
		wards: new Map(wards.map((w) => [w.id, w.retired_at])),
		patientGroups: ids(patientGroups),
		briefings: ids(briefings),
		versions: new Map(
			versions.map((v) => [
				v.id,
				{ briefingId: v.briefing_id, status: v.status, retiredAt: v.retired_at }
			])
		),
		publishedVariants: new Set(variants.map((v) => variantKey(v.version_id, v.format, v.language)))
	};
}

export function emptyCatalogue(): Catalogue {
	return {
		wards: new Map(),
		patientGroups: new Set(),
		briefings: new Set(),
		versions: new Map(),
		publishedVariants: new Set(),
		timeZone: DEFAULT_TIME_ZONE
	};
}
