import {
	jointFor,
	ORGANISATION,
	protectJointly,
	protectTied,
	setId,
	tiedMeasures,
	sliceId,
	type Dimension,
	type JointWithheld,
	type TiedMeasure
} from '$lib/domain/measurement/disclosure';
import { measures, type MeasureId, type Slice } from '$lib/domain/measurement/measures';
import type { PeriodKind } from '$lib/domain/measurement/period';
import type { Db } from '../db/database';
import { listAims } from '../repositories/aims';
import { seriesBySlice } from '../repositories/measurement-slices';

/*
 * Joint disclosure control on the server (see $lib/domain/measurement/disclosure/joint.ts): the
 * organisation's and every slice's series are gathered, with every aim's set of wards or groups,
 * and protected together, so that whichever page or CSV asks, the same cells are hidden.
 */

/** Per period, what a slice must hide; 'everything' for a slice no joint table covers. */
export type Joint = ReadonlyMap<string, JointWithheld> | 'everything';

const dimensionsOf = (slice: Slice) =>
	(
		[
			['ward', slice.wardIds],
			['group', slice.patientGroupIds],
			['format', slice.formats],
			['language', slice.languages]
		] as Array<[Dimension, readonly string[] | undefined]>
	).filter(([, values]) => values?.length) as Array<[Dimension, readonly string[]]>;

/** The slice's id in the joint table, or null when it filters on two dimensions at once. */
function idOf(slice: Slice): string | null {
	const chosen = dimensionsOf(slice);
	if (chosen.length === 0) return ORGANISATION;
	if (chosen.length > 1) return null;
	const [dimension, values] = chosen[0] as [Dimension, readonly string[]];
	if (values.length === 1) return sliceId(dimension, values[0] as string);
	return setId(`${dimension}:${[...values].sort().join(',')}`);
}

/**
 * What each of `slices` must hide for each of `measureIds`, in `kind` periods. Every aim's set
 * of several wards (or groups) is a cell of the table; a slice the table does not cover (two
 * dimensions at once, or a set that is no aim's) has everything hidden.
 */
export async function jointDisclosure(
	db: Db,
	organisationId: string,
	request: { kind: PeriodKind; today: string; measureIds: readonly MeasureId[] },
	slices: readonly Slice[]
): Promise<Array<Partial<Record<MeasureId, Joint>>>> {
	const [{ organisation, slices: bySlice }, aims] = await Promise.all([
		seriesBySlice(db, organisationId, request),
		listAims(db, organisationId)
	]);
	// Every saved set is always in the table, so the answer is the same whichever page asks.
	const sets = new Map<string, { id: string; dimension: Dimension; values: string[] }>();
	// Only aims' sets: a set asked for by one page alone would change what the others hide.
	for (const slice of aims.map((a) => ({
		wardIds: a.wardIds,
		patientGroupIds: a.patientGroupIds
	}))) {
		const chosen = dimensionsOf(slice);
		const id = idOf(slice);
		if (id === null || chosen.length !== 1) continue;
		const [dimension, values] = chosen[0] as [Dimension, readonly string[]];
		if (values.length < 2) continue;
		sets.set(id, { id: id.slice('set:'.length), dimension, values: [...values] });
	}
	const answers = slices.map(() => ({}) as Partial<Record<MeasureId, Joint>>);
	const seriesOf = (measure: MeasureId) => ({
		unit: measures[measure].unit,
		organisation: organisation[measure],
		slices: bySlice.map((s) => ({
			dimension: s.dimension,
			value: s.value,
			points: s.series[measure]
		}))
	});
	// Measures counted from the same briefings are protected together (tied.ts), whichever of
	// them a page asks for, so that each hides the same cells for every page.
	const tied = request.measureIds.some((m) => isTied(m))
		? protectTied(
				{
					coverage: seriesOf('coverage'),
					formatFit: seriesOf('formatFit'),
					talkedThrough: seriesOf('talkedThrough'),
					teachBack: seriesOf('teachBack')
				},
				[...sets.values()]
			)
		: null;
	for (const measure of request.measureIds) {
		const protection =
			tied && isTied(measure)
				? tied[measure]
				: protectJointly({ ...seriesOf(measure), sets: [...sets.values()] });
		slices.forEach((slice, i) => {
			const id = idOf(slice);
			const covered = id !== null && (!id.startsWith('set:') || sets.has(id));
			(answers[i] as Partial<Record<MeasureId, Joint>>)[measure] = covered
				? jointFor(protection, id)
				: 'everything';
		});
	}
	return answers;
}

const isTied = (measure: MeasureId): measure is TiedMeasure =>
	(tiedMeasures as readonly string[]).includes(measure);
