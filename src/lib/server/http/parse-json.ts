import { error } from '@sveltejs/kit';
import type { z } from 'zod';

/**
 * Reads a JSON body and parses it with the shared zod schema; anything else is a 400 that
 * names each field at fault, so a client can show it beside the field.
 */
export async function parseJson<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<z.infer<S>> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		error(400, { message: 'invalidJson', issues: [{ field: 'body', message: 'not valid JSON' }] });
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success)
		error(400, {
			message: 'invalidBody',
			issues: parsed.error.issues.map((i) => ({
				field: i.path.map(String).join('.') || 'body',
				message: i.message
			}))
		});
	return parsed.data;
}
