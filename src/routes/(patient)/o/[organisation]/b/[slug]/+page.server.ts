import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { reviewState } from '$lib/domain/briefing';
import { PatientToken } from '$lib/domain/delivery-record';
import { FeedbackInput } from '$lib/domain/feedback';
import { chooseVariant } from '$lib/domain/variant-choice';
import { parseForm } from '$lib/server/forms/parse-form';
import {
	commentToStore,
	feedbackSentAddress,
	feedbackSentOf,
	recordPatientView,
	submitFeedback
} from '$lib/server/patient-feedback';
import { publishedBriefingBySlug } from '$lib/server/repositories/briefings';
import { organisationToday } from '$lib/server/repositories/organisations';
import { readForm } from '$lib/server/http/body-limit';
import { orPrimary } from '$lib/server/db/read-replica';

/**
 * The public patient view of a briefing: its published version, in the language the link
 * carries (else the interface language, else English), in the chosen or first format, naming
 * what was asked for and is missing (domain/variant-choice.ts). A QR
 * link also carries the delivery's token (`t`), which links feedback to it and nothing else.
 */
export const load: PageServerLoad = async ({ locals, params, url, getClientAddress, parent }) => {
	const { organisation } = await parent();
	// The replica, if any; a briefing it has not received yet (just published), the primary.
	const found = await orPrimary(locals.app, (db) =>
		publishedBriefingBySlug(db, organisation.id, params.slug)
	);
	if (!found) error(404, { message: 'notFound' });
	const { briefing, version } = found;

	// What was asked for, else the nearest there is, and what was asked for but is missing: the
	// page says so rather than silently show something else.
	const choice = chooseVariant(
		version.variants,
		{ language: url.searchParams.get('lang'), format: url.searchParams.get('format') },
		{ uiLanguage: locals.lang, defaultLanguages: organisation.defaultLanguages }
	);
	if (!choice) error(404, { message: 'notFound' });
	const { variant, language, languages, formats, missing, askedFormatIn } = choice;

	// A malformed token is ignored: the page is the public briefing either way.
	const token = PatientToken.safeParse(url.searchParams.get('t'));
	if (token.success)
		await recordPatientView(locals.app.db, token.data, 'opened', getClientAddress());

	return {
		title: variant.title,
		briefing: { id: briefing.id, slug: briefing.slug },
		isExample: version.isExample,
		overdue:
			reviewState(
				version.reviewBy,
				await organisationToday(locals.app.readDb, briefing.organisationId)
			) === 'overdue',
		reviewed: { last: version.lastReviewed, next: version.reviewBy },
		language,
		languages,
		formats,
		variant,
		// A BSL video (issue 15): linked plainly from every other format and language.
		bsl: version.variants.some((v) => v.format === 'video' && v.language === 'bfi'),
		missing,
		askedFormatIn,
		token: token.success ? token.data : null,
		// Answers sent without JavaScript and stored: the action's redirect says so (PRG).
		feedbackSent: feedbackSentOf(url)
	};
};

export const actions: Actions = {
	/**
	 * Feedback without JavaScript: the same rules as the API. Stored, it redirects (303) to the
	 * page saying so, so that refreshing it cannot send the answers again (feedbackSentAddress).
	 */
	feedback: async ({ locals, request, url, getClientAddress }) => {
		const form = await readForm(request);
		const parsed = parseForm(FeedbackInput, form);
		if (!parsed.ok)
			return fail(400, {
				feedback: {
					errors: parsed.errors.map((e) => ({
						field: e.field,
						message: 'feedback.errors.' + (e.field === 'freeText' ? 'tooLong' : 'empty')
					}))
				}
			});
		const result = await submitFeedback(locals.app.db, parsed.data, getClientAddress());
		if (typeof result === 'object')
			return fail(429, {
				feedback: { errors: [{ field: 'overall', message: 'feedback.errors.tooMany' }] }
			});
		if (result === 'unknownBriefing') error(404, { message: 'notFound' });
		if (result === 'notAvailable') error(410, { message: 'notAvailable' });
		const removed = commentToStore(parsed.data.freeText).removed.length > 0;
		if (result === 'closed') return { feedback: { result } };
		redirect(303, feedbackSentAddress(url, removed ? 'savedMasked' : 'saved'));
	}
};
