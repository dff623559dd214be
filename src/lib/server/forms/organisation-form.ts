import type { z } from 'zod';
import type { OrganisationFormValues } from '$lib/domain/platform';
import type { Db } from '../db/database';
import { takenFields } from '../repositories/platform-organisations';
import { isUniqueViolation } from '../db/sql';
import { parseForm, type FieldError } from './parse-form';

type Schema = z.ZodObject & z.ZodType<{ odsCode: string | null; slug: string | null }>;

/** The organisation form's fields back as typed, for showing a refused form again. */
export function organisationFormValues(form: FormData): OrganisationFormValues {
	const text = (key: string) => {
		const value = form.get(key);
		return typeof value === 'string' ? value : '';
	};
	return {
		name: text('name'),
		odsCode: text('odsCode'),
		slug: text('slug'),
		timeZone: text('timeZone'),
		contact: text('contact'),
		defaultLanguages: form.getAll('defaultLanguages').filter((v) => typeof v === 'string'),
		adminEmail: text('adminEmail'),
		adminName: text('adminName')
	};
}

/**
 * Parses the create or edit form with its schema, then checks the unique fields against other
 * organisations: a taken ODS code or address is named like any other error.
 */
export async function parseOrganisationForm<S extends Schema>(
	db: Db,
	schema: S,
	form: FormData,
	exceptId?: string
): Promise<
	| { ok: true; data: z.infer<S> }
	| { ok: false; errors: FieldError[]; values: OrganisationFormValues }
> {
	const parsed = parseForm(schema, form);
	const values = organisationFormValues(form);
	if (!parsed.ok) return { ok: false, errors: parsed.errors, values };
	const taken = await takenFields(db, parsed.data, exceptId);
	if (taken.length)
		return {
			ok: false,
			errors: taken.map((field) => ({ field, message: `platform.errors.${field}Taken` })),
			values
		};
	return { ok: true, data: parsed.data };
}

/**
 * Runs the save; if another organisation took the ODS code or address between the check and the
 * write (the unique indexes refuse it), answers the same field errors instead of a server error.
 */
export async function savingUniqueFields<T>(
	db: Db,
	fields: { odsCode: string | null; slug: string | null },
	exceptId: string | undefined,
	save: () => Promise<T>
): Promise<{ ok: true; value: T } | { ok: false; errors: FieldError[] }> {
	try {
		return { ok: true, value: await save() };
	} catch (error) {
		if (!isUniqueViolation(error)) throw error;
		const taken = await takenFields(db, fields, exceptId);
		if (!taken.length) throw error;
		return {
			ok: false,
			errors: taken.map((field) => ({ field, message: `platform.errors.${field}Taken` }))
		};
	}
}
