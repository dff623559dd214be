import { coverageOf, type CoverageBriefing } from '$lib/domain/coverage';
import { BriefingFormat } from '$lib/domain/format';
import type { Db } from '../db/database';
import { listPatientGroups } from './patient-groups';

/**
 * The organisation's coverage matrix in three queries whatever its size: groups, every
 * briefing with its published variants' formats and languages (never their content), and
 * which briefings each group gets. With it, each published version's review-by date, by
 * briefing, so the matrix flags content past (or near) its date as every other list does.
 */
export async function loadCoverage(db: Db, organisationId: string) {
	const [groups, variantRows, assignments] = await Promise.all([
		listPatientGroups(db, organisationId),
		db
			.selectFrom('briefing')
			.leftJoin('briefing_version', (join) =>
				join
					.onRef('briefing_version.briefing_id', '=', 'briefing.id')
					.on('briefing_version.status', '=', 'published')
			)
			.leftJoin('briefing_variant', 'briefing_variant.version_id', 'briefing_version.id')
			.select([
				'briefing.id',
				'briefing.topic',
				'briefing_version.id as version_id',
				'briefing_version.review_by',
				'briefing_variant.format',
				'briefing_variant.language'
			])
			.where('briefing.organisation_id', '=', organisationId)
			.execute(),
		db
			.selectFrom('patient_group_briefing')
			.innerJoin('patient_group', 'patient_group.id', 'patient_group_briefing.patient_group_id')
			.select([
				'patient_group_briefing.patient_group_id as groupId',
				'patient_group_briefing.briefing_id as briefingId'
			])
			.where('patient_group.organisation_id', '=', organisationId)
			.where('patient_group.archived', '=', 0)
			.orderBy('patient_group_briefing.position')
			.execute()
	]);
	const briefings = new Map<
		string,
		CoverageBriefing & { variants: CoverageBriefing['variants'] }
	>();
	const reviewBy: Record<string, string> = {};
	for (const row of variantRows) {
		if (row.review_by) reviewBy[row.id] = row.review_by;
		let b = briefings.get(row.id);
		if (!b) {
			b = { id: row.id, topic: row.topic, published: row.version_id !== null, variants: [] };
			briefings.set(row.id, b);
		}
		if (row.format && row.language)
			(b.variants as Array<{ format: BriefingFormat; language: string }>).push({
				format: BriefingFormat.parse(row.format),
				language: row.language
			});
	}
	return { ...coverageOf(groups, [...briefings.values()], assignments), reviewBy };
}
