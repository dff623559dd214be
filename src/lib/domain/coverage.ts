import { briefingFormats, type BriefingFormat } from './format';

/*
 * The coverage matrix: for each patient group, the briefings it gets on admission and, per
 * format, the languages their published versions exist in; and the gaps that matter for that
 * group, in plain words. A gap is judged by the group's own preferences:
 * - a briefing the group gets that has no published version (the ward cannot offer it);
 * - the group's first-choice format missing from a briefing altogether
 *   ("People with a learning disability prefer easy read; 'Preventing blood clots' has none");
 * - a usual language of the group that none of its preferred formats of a briefing is in
 *   (the group can only be given something it did not ask for, or nothing, in that language).
 * A group with no briefings at all is a gap too.
 */

export interface CoverageGroup {
	id: string;
	name: string;
	preferredFormats: readonly BriefingFormat[];
	usualLanguages: readonly string[];
}

export interface CoverageBriefing {
	id: string;
	topic: string;
	/** The published version's variants; empty with `published` false when none is. */
	published: boolean;
	variants: ReadonlyArray<{ format: BriefingFormat; language: string }>;
}

export type CoverageGap =
	| { kind: 'noBriefings'; group: string }
	| { kind: 'notPublished'; group: string; briefing: string }
	| { kind: 'noPreferredFormat'; group: string; briefing: string; format: BriefingFormat }
	| { kind: 'missingLanguages'; group: string; briefing: string; languages: string[] };

export interface CoverageCell {
	format: BriefingFormat;
	/** 1 for the group's first choice…; null when the group does not use the format. */
	rank: number | null;
	languages: string[];
	/** Usual languages of the group this preferred format lacks (always empty if not preferred). */
	missing: string[];
}

export interface CoverageRow {
	briefingId: string;
	topic: string;
	published: boolean;
	cells: CoverageCell[];
}

export interface GroupCoverage {
	group: CoverageGroup;
	rows: CoverageRow[];
}

export function coverageOf(
	groups: readonly CoverageGroup[],
	briefings: readonly CoverageBriefing[],
	assignments: ReadonlyArray<{ groupId: string; briefingId: string }>
): { matrix: GroupCoverage[]; gaps: CoverageGap[] } {
	const byId = new Map(briefings.map((b) => [b.id, b]));
	// Languages per briefing and format, built once: 200 briefings × 4 × 12 stays linear.
	const languages = new Map<string, Map<BriefingFormat, Set<string>>>();
	for (const b of briefings) {
		const perFormat = new Map<BriefingFormat, Set<string>>();
		for (const v of b.variants) {
			const set = perFormat.get(v.format) ?? new Set<string>();
			set.add(v.language);
			perFormat.set(v.format, set);
		}
		languages.set(b.id, perFormat);
	}
	const assigned = new Map<string, string[]>();
	for (const a of assignments)
		assigned.set(a.groupId, [...(assigned.get(a.groupId) ?? []), a.briefingId]);

	const matrix: GroupCoverage[] = [];
	const gaps: CoverageGap[] = [];
	for (const group of groups) {
		const ids = (assigned.get(group.id) ?? []).filter((id) => byId.has(id));
		if (ids.length === 0) gaps.push({ kind: 'noBriefings', group: group.name });
		const rows: CoverageRow[] = [];
		for (const id of ids) {
			const briefing = byId.get(id) as CoverageBriefing;
			const perFormat = languages.get(id) ?? new Map<BriefingFormat, Set<string>>();
			const cells = briefingFormats.map((format): CoverageCell => {
				const at = group.preferredFormats.indexOf(format);
				const present = perFormat.get(format) ?? new Set<string>();
				return {
					format,
					rank: at === -1 ? null : at + 1,
					languages: [...present].sort(),
					missing: at === -1 ? [] : group.usualLanguages.filter((l) => !present.has(l))
				};
			});
			rows.push({ briefingId: id, topic: briefing.topic, published: briefing.published, cells });
			if (!briefing.published) {
				gaps.push({ kind: 'notPublished', group: group.name, briefing: briefing.topic });
				continue;
			}
			const first = group.preferredFormats[0];
			if (first && !perFormat.has(first))
				gaps.push({
					kind: 'noPreferredFormat',
					group: group.name,
					briefing: briefing.topic,
					format: first
				});
			const uncovered = group.usualLanguages.filter(
				(l) => !group.preferredFormats.some((f) => perFormat.get(f)?.has(l))
			);
			if (uncovered.length)
				gaps.push({
					kind: 'missingLanguages',
					group: group.name,
					briefing: briefing.topic,
					languages: uncovered
				});
		}
		matrix.push({ group, rows });
	}
	return { matrix, gaps };
}
