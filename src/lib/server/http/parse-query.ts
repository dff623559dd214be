import { error } from '@sveltejs/kit';
import type { z } from 'zod';

/**
 * Reads a page's address query with its zod schema (parameters it does not name, like the
 * language switcher's `lang`, are left to others); anything wrong is a 400 that names each
 * parameter at fault, which the error page shows.
 */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
	const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success)
		error(400, {
			message: 'invalidQuery',
			issues: parsed.error.issues.map((i) => ({
				field: i.path.map(String).join('.') || 'query',
				message: i.message
			}))
		});
	return parsed.data;
}
