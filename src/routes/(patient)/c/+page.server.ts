import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { normalisePatientCode } from '$lib/domain/patient-code';
import { readForm } from '$lib/server/http/body-limit';
import { parseForm } from '$lib/server/forms/parse-form';
import { lookUpCode } from '$lib/server/patient-codes';
import { publicBriefings } from '$lib/server/public-briefings';

/** One field; what was typed is read by normalisePatientCode, any case, hyphen or not. */
const CodeForm = z.object({ code: z.string().trim().min(1, 'code.errors.empty').max(40) });

type CodeError = { field: 'code'; message: string; values?: { count: number } };
const codeError = (message: string, values?: { count: number }): CodeError[] => [
	{ field: 'code', message, ...(values ? { values } : {}) }
];

export const load: PageServerLoad = async ({ locals }) => ({
	titleKey: 'patient:code.title',
	organisations: await publicBriefings(locals.app.readDb)
});

/**
 * Where a patient types the code from the ward (working without JavaScript): a live code opens
 * its briefing, in the language and format given, with the code's own token (so feedback joins
 * the delivery). A wrong code says so kindly with the way to the public briefings; too many
 * wrong codes from one address (or the service) are refused with 429 and Retry-After.
 */
export const actions: Actions = {
	default: async ({ locals, request, getClientAddress, setHeaders }) => {
		const parsed = parseForm(CodeForm, await readForm(request));
		if (!parsed.ok) return fail(400, { typed: '', errors: codeError('code.errors.empty') });
		const typed = parsed.data.code;
		const found = await lookUpCode(locals.app.db, normalisePatientCode(typed), getClientAddress());
		if (found === 'wrong') return fail(404, { typed, errors: codeError('code.errors.wrong') });
		if ('limited' in found) {
			const count = found.retryAfterMinutes;
			setHeaders({ 'retry-after': String(count * 60) });
			return fail(429, { typed, errors: codeError('code.errors.tooMany', { count }) });
		}
		// A poster's code: the public page, in the language the reader chose here.
		const query = new URLSearchParams(
			found.kind === 'delivery'
				? { lang: found.language, format: found.format, t: found.linkToken }
				: { lang: locals.lang }
		);
		redirect(303, `/o/${found.organisationSlug}/b/${found.slug}?${query}`);
	}
};
