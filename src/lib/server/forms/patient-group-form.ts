import { z } from 'zod';
import { briefingFormats, type BriefingFormat } from '$lib/domain/format';
import { PatientGroupInput } from '$lib/domain/patient-group';
import { groupFormValues, type GroupFormValues } from '$lib/domain/patient-group-form';
import { parseForm, type FieldError } from './parse-form';

/**
 * The group form as posted. Preferred formats come as one rank per format (`rank-video`…),
 * which orders them with JavaScript off; an empty rank means the group does not use it.
 */
const Rank = z.enum(['', '1', '2', '3', '4']).default('');
const GroupForm = z.strictObject({
	name: z.string().default(''),
	description: z.string().default(''),
	communicationNeeds: z.array(z.string()).default([]),
	'rank-video': Rank,
	'rank-leaflet': Rank,
	'rank-easyRead': Rank,
	'rank-faceToFace': Rank,
	usualLanguages: z.array(z.string()).default([]),
	ageBands: z.array(z.string()).default([])
});

export type GroupFormResult =
	| { ok: true; input: PatientGroupInput }
	| { ok: false; errors: FieldError[]; values: GroupFormValues };

/** Each field's one message, in the catalogue namespace (groups.errors.<field>). */
const fields = [
	'name',
	'description',
	'communicationNeeds',
	'preferredFormats',
	'usualLanguages',
	'ageBands'
] as const;

/** Parses the posted group form into a PatientGroupInput, or field errors and the values. */
export function parseGroupForm(form: FormData): GroupFormResult {
	const raw = parseForm(GroupForm, form);
	if (!raw.ok) {
		const values = groupFormValues();
		values.name = String(form.get('name') ?? '');
		values.description = String(form.get('description') ?? '');
		return { ok: false, errors: toFieldErrors(raw.errors.map((e) => e.field)), values };
	}
	const data = raw.data;
	const ranks = Object.fromEntries(briefingFormats.map((f) => [f, data[`rank-${f}`]])) as Record<
		BriefingFormat,
		string
	>;
	const values: GroupFormValues = {
		name: data.name,
		description: data.description,
		communicationNeeds: data.communicationNeeds,
		ranks,
		usualLanguages: data.usualLanguages,
		ageBands: data.ageBands
	};
	const ranked = briefingFormats
		.filter((f) => ranks[f] !== '')
		.sort((a, b) => Number(ranks[a]) - Number(ranks[b]));
	const rankClash = new Set(ranked.map((f) => ranks[f])).size !== ranked.length;
	const parsed = PatientGroupInput.safeParse({
		name: data.name,
		description: data.description,
		communicationNeeds: data.communicationNeeds,
		preferredFormats: ranked,
		usualLanguages: data.usualLanguages,
		ageBands: data.ageBands
	});
	const failed = new Set<string>(
		parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0]))
	);
	if (rankClash) failed.add('preferredFormats');
	if (parsed.success && failed.size === 0) return { ok: true, input: parsed.data };
	return { ok: false, errors: toFieldErrors([...failed]), values };
}

function toFieldErrors(failed: string[]): FieldError[] {
	const names = new Set(
		failed.map((f) => (f.startsWith('rank-') ? 'preferredFormats' : f.split('.')[0]))
	);
	const known = fields.filter((f) => names.has(f));
	// A field the form does not have (a tampered post) is reported against the whole form.
	const unknown = [...names].some((n) => !(fields as readonly string[]).includes(n ?? ''));
	return [
		...known.map((field) => ({ field, message: `groups.errors.${field}` })),
		...(unknown ? [{ field: 'name', message: 'groups.errors.form' }] : [])
	].filter((e, i, all) => all.findIndex((x) => x.field === e.field) === i);
}
