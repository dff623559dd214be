import { AimForm } from '$lib/domain/measurement/aim';
import type { FieldError } from '../forms/parse-form';
import { parseForm } from '../forms/parse-form';
import type { Db } from '../db/database';
import { listWards } from '../repositories/organisations';
import { listPatientGroups } from '../repositories/patient-groups';

/*
 * The aim form, the same for a new aim and a corrected one: the wards and groups it may name,
 * and the form read, checked by the schema and then against those choices.
 */

type Choice = { id: string; name: string };

/**
 * The wards and groups an aim may name: wards in use and groups not archived (a retired ward or
 * an archived group is not offered, and an aim naming one is refused), plus, for an aim being
 * corrected, those it already names, so that saving it unchanged later is not refused.
 */
export async function aimChoices(
	db: Db,
	organisationId: string,
	keep: { wardIds: readonly string[]; patientGroupIds: readonly string[] } = {
		wardIds: [],
		patientGroupIds: []
	}
): Promise<{ wards: Choice[]; groups: Choice[] }> {
	const [wards, active, groups] = await Promise.all([
		listWards(db, organisationId),
		listWards(db, organisationId, 'active'),
		listPatientGroups(db, organisationId, { includeArchived: true })
	]);
	return {
		wards: wards
			.filter((w) => keep.wardIds.includes(w.id) || active.some((a) => a.id === w.id))
			.map((w) => ({ id: w.id, name: w.name })),
		groups: groups
			.filter((g) => keep.patientGroupIds.includes(g.id) || !g.archived)
			.map((g) => ({ id: g.id, name: g.name }))
	};
}

export type AimFormValues = {
	title: string;
	measure: string;
	target: string;
	dueBy: string;
	wardIds: string[];
	patientGroupIds: string[];
};

/**
 * The form as typed (shown back when refused), and the aim when every field is right. `dates`:
 * the organisation's today, before which no aim may be due (an aim due in the past reads "Target
 * met" on today's value); a corrected aim may keep the date it has (`keep`), passed or not.
 */
export function readAimForm(
	form: FormData,
	choices: { wards: Choice[]; groups: Choice[] },
	dates: { today: string; keep?: string }
): { ok: true; aim: AimForm } | { ok: false; errors: FieldError[]; values: AimFormValues } {
	const values: AimFormValues = {
		title: String(form.get('title') ?? ''),
		measure: String(form.get('measure') ?? ''),
		target: String(form.get('target') ?? ''),
		dueBy: String(form.get('dueBy') ?? ''),
		wardIds: form.getAll('wardIds').map(String),
		patientGroupIds: form.getAll('patientGroupIds').map(String)
	};
	const parsed = parseForm(AimForm, form);
	if (!parsed.ok) return { ok: false, errors: parsed.errors, values };
	// Only this organisation's wards and groups: anything else is refused, naming the field.
	const unknown = (ids: string[], known: Choice[]) =>
		ids.some((id) => !known.some((k) => k.id === id));
	const errors = [
		...(unknown(parsed.data.wardIds, choices.wards)
			? [{ field: 'wardIds', message: 'aim.errors.wardIds' }]
			: []),
		...(unknown(parsed.data.patientGroupIds, choices.groups)
			? [{ field: 'patientGroupIds', message: 'aim.errors.patientGroupIds' }]
			: []),
		...(parsed.data.dueBy < dates.today && parsed.data.dueBy !== dates.keep
			? [{ field: 'dueBy', message: 'aim.errors.dueByPast' }]
			: [])
	];
	return errors.length ? { ok: false, errors, values } : { ok: true, aim: parsed.data };
}
