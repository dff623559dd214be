import type { z } from 'zod';

export interface FieldError {
	field: string;
	/** An i18n key, or a zod message when the schema gives none. */
	message: string;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/**
 * Parses a form with a zod schema, giving one error per field (the first), in form order.
 * Repeated fields become arrays only when the schema asks for an array.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): FormResult<z.infer<S>> {
	const raw: Record<string, unknown> = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string') continue;
		raw[key] = key in raw ? ([] as unknown[]).concat(raw[key], value) : value;
	}
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, data: parsed.data };
	const errors: FieldError[] = [];
	for (const issue of parsed.error.issues) {
		const field = issue.path.map(String).join('.') || 'form';
		if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
	}
	return { ok: false, errors };
}
