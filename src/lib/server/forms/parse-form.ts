import { z } from 'zod';

export interface FieldError {
	field: string;
	/** An i18n key, or a zod message when the schema gives none. */
	message: string;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/** Whether a field of an object schema expects a list (through optional/default wrappers). */
function expectsArray(schema: z.ZodType, key: string): boolean {
	if (!(schema instanceof z.ZodObject)) return false;
	let field = (schema.shape as Record<string, z.ZodType | undefined>)[key];
	while (
		field instanceof z.ZodOptional ||
		field instanceof z.ZodDefault ||
		field instanceof z.ZodNullable
	)
		field = field.unwrap() as z.ZodType;
	return field instanceof z.ZodArray;
}

/** The fields of an object schema, through a transform (`pipe`) around it. */
function schemaKeys(schema: z.ZodType): string[] {
	let inner: z.ZodType = schema;
	while (inner instanceof z.ZodPipe) inner = inner.in as z.ZodType;
	return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/**
 * The order the page shows its fields in, for the error summary. A browser sends a form's
 * fields in document order, so the posted names give it; a field not sent at all (no radio
 * chosen, no box ticked) takes its place after the schema field before it. For example, with
 * the schema `email, displayName, role` and a page posting `displayName, email`, `role` goes last.
 */
function pageOrder(schema: z.ZodType, form: FormData): string[] {
	const order = [...new Set(form.keys())];
	let previous = -1;
	for (const key of schemaKeys(schema)) {
		const at = order.indexOf(key);
		if (at === -1) order.splice((previous += 1), 0, key);
		else previous = at;
	}
	return order;
}

/**
 * Parses a form with a zod schema, giving one error per field (the first), in the order the
 * page shows the fields (see pageOrder). A field the schema types as an array is always an
 * array — one ticked checkbox is still a list — and any other field keeps its first value.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.infer<S>> {
	const raw: Record<string, unknown> = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string') continue;
		if (expectsArray(schema, key))
			raw[key] = [...((raw[key] as string[] | undefined) ?? []), value];
		else if (!(key in raw)) raw[key] = value;
	}
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, data: parsed.data };
	const errors: FieldError[] = [];
	for (const issue of parsed.error.issues) {
		const field = issue.path.map(String).join('.') || 'form';
		if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
	}
	const order = pageOrder(schema, form);
	const rank = (field: string) => {
		const at = order.indexOf(field.split('.')[0] ?? field);
		return at === -1 ? order.length : at;
	};
	return { ok: false, errors: errors.sort((a, b) => rank(a.field) - rank(b.field)) };
}

/**
 * The values to show back in a refused form: the schema's own fields, as plain strings, and
 * nothing else. Never the raw form — a field named `__proto__` or sent as a file cannot be
 * serialised to the page, and an unknown field has no business being echoed.
 */
export function formValues(schema: z.ZodObject, form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const key of Object.keys(schema.shape)) {
		const value = form.get(key);
		if (typeof value === 'string') values[key] = value;
	}
	return values;
}
