import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { BriefingVersion, givenAs, isEditable, publishProblems } from '$lib/domain/briefing';
import { BriefingFormat } from '$lib/domain/format';
import { LanguageCode } from '$lib/domain/language';
import { readingAge } from '$lib/domain/readability';
import { mayEditContent, mayReview } from '$lib/domain/staff';
import { readableText } from '$lib/domain/variant-fields';
import { parseForm } from '$lib/server/forms/parse-form';
import {
	recordTranslationReason,
	removeVariant,
	saveVersionDetails
} from '$lib/server/repositories/briefing-versions';
import { translationStates } from '$lib/server/repositories/translations';
import { changesSinceReturn } from '$lib/server/repositories/version-returns';
import { reasonId, sourceLanguage, TranslationReasonForm } from '$lib/domain/translation';
import {
	organisationDefaultLanguages,
	organisationToday
} from '$lib/server/repositories/organisations';
import {
	commentedSteps,
	governanceSteps,
	takeStep,
	type GovernanceStep
} from '$lib/server/repositories/content-governance';
import { loadVersion, newDraftLabel, requireEditor } from '$lib/server/studio/version-page';
import { readForm } from '$lib/server/http/body-limit';
import { forbidden } from '$lib/server/auth/guard';
import { xliffMaxBytes } from '$lib/server/xliff/document';

/** A format in a language, as the forms name it. */
const VariantKey = z.strictObject({ format: BriefingFormat, language: LanguageCode });

/** The same in an address, `leaflet:cy`: which one to ask about removing, or was removed. */
const VariantParam = z
	.string()
	.max(40)
	.transform((text) => {
		const [format = '', language = ''] = text.split(':');
		return { format, language };
	})
	.pipe(VariantKey);

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user, briefing, version } = await loadVersion(locals, url, params);
	const translations = await translationStates(locals.app.db, user.organisationId, version.id);
	const mayEdit = mayEditContent(user.role) && isEditable(version.status);
	const param = (name: string) => {
		const parsed = VariantParam.safeParse(url.searchParams.get(name));
		return parsed.success ? parsed.data : null;
	};
	const has = (key: { format: string; language: string } | null) =>
		key !== null &&
		[...version.variants, ...translations].some(
			(x) => x.format === key.format && x.language === key.language
		);
	// Remove asks first (a plain link, so it works without JavaScript), and only about a format
	// and language the draft has: finished, or a translation under way.
	const remove = param('remove');
	const removed = param('removed');
	return {
		title: `${briefing.topic} – ${version.number}`,
		briefing: { id: briefing.id, topic: briefing.topic, slug: briefing.slug },
		version,
		readability: version.variants.map((v) => readingAge(readableText(v), v.language)),
		publishProblems: ['draft', 'inReview', 'approved'].includes(version.status)
			? publishProblems(version, await organisationToday(locals.app.db, user.organisationId))
			: [],
		translations,
		// What changed since a reviewer returned it (H81): until it is approved.
		sinceReturn:
			version.status === 'draft' || version.status === 'inReview'
				? await changesSinceReturn(locals.app.db, user.organisationId, version)
				: null,
		viewerId: user.id,
		sourceLanguage,
		mayEdit,
		mayLead: mayEditContent(user.role),
		newDraft: newDraftLabel(briefing.versions),
		mayReview: mayReview(user.role),
		// Offered first when a translation is added (operations.md, "Default languages").
		defaultLanguages: await organisationDefaultLanguages(locals.app.db, user.organisationId),
		// Publishing, retiring and removing a variant ask first (plain links: no JavaScript needed).
		confirming: Confirm.parse(url.searchParams.get('confirm')),
		confirmingRemove: mayEdit && has(remove) ? remove : null,
		removed: has(removed) ? null : removed,
		patientLink: `${url.origin}/o/${briefing.organisationSlug}/b/${briefing.slug}`,
		xliffMaxKb: xliffMaxBytes(locals.app.config.bodySizeLimit) / 1024
	};
};

/** Which step's "are you sure?" the address asks for; anything else asks for none. */
const Confirm = z.enum(['publish', 'retire']).nullable().catch(null);

const Lines = z
	.string()
	.max(20_000)
	.transform((text) =>
		text
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean)
	);

const DetailsForm = z.strictObject({
	revision: z.coerce.number().int().positive(),
	reviewBy: BriefingVersion.shape.reviewBy,
	evidenceLinks: Lines.pipe(BriefingVersion.shape.evidenceLinks),
	userTestingNote: BriefingVersion.shape.userTestingNote
});

const { format, language, path } = TranslationReasonForm.shape;
const ReasonKey = z.object({ format, language, path });

const AddVariantForm = VariantKey.refine((v) => givenAs(v.format, v.language), {
	path: ['language'],
	message: 'version.signLanguageVideoOnly'
});
const RemoveVariantForm = VariantKey.extend({ revision: z.coerce.number().int().positive() });

function step(name: GovernanceStep): Actions[string] {
	return async ({ locals, url, params, request }) => {
		const { user, version } = await loadVersion(locals, url, params);
		const form = await readForm(request);
		// Refused past MAX_STEP_COMMENT (commentTooLong), never cut short.
		const comment = String(form.get('comment') ?? '');
		const result = await takeStep(locals.app.db, user, version.id, name, {
			comment,
			mail: locals.app.config.mail
		});
		if (result.ok) {
			locals.app.mailer?.kick(); // its messages are committed: send them now, not in a minute
			redirect(303, url.pathname);
		}
		if (result.problem === 'forbidden') forbidden();
		if (result.problem === 'notFound') error(404, { message: 'notFound' });
		const field = name === 'return' ? 'comment' : name === 'withdraw' ? 'withdrawReason' : name;
		// A refused return or withdrawal gives its comment back: nothing typed is lost.
		const typed = commentedSteps.has(name) ? comment : undefined;
		if ('variants' in result)
			// One error a translation, naming its format and language (and how far it has got).
			return fail(400, {
				step: name,
				comment: typed,
				errors: result.variants.map((named) => ({
					field,
					message: `version.errors.${result.problem}`,
					values: named
				}))
			});
		// The withdrawal's comment is its reason, and says so.
		const problem =
			name === 'withdraw' && result.problem === 'commentRequired'
				? 'reasonRequired'
				: name === 'withdraw' && result.problem === 'commentTooLong'
					? 'reasonTooLong'
					: result.problem;
		return fail(result.problem === 'wrongStatus' ? 409 : 400, {
			step: name,
			comment: typed,
			errors: [{ field, message: `version.errors.${problem}` }]
		});
	};
}

export const actions: Actions = {
	...Object.fromEntries(governanceSteps.map((s) => [s, step(s)])),
	details: async ({ locals, url, params, request }) => {
		const { user, version } = await loadVersion(locals, url, params);
		requireEditor(user);
		const form = await readForm(request);
		const values = {
			reviewBy: String(form.get('reviewBy') ?? ''),
			evidenceLinks: String(form.get('evidenceLinks') ?? ''),
			userTestingNote: String(form.get('userTestingNote') ?? '')
		};
		const parsed = parseForm(DetailsForm, form);
		if (!parsed.ok)
			return fail(400, {
				values,
				// One error a field: every bad evidence link is the one textarea's problem.
				errors: [...new Set(parsed.errors.map((e) => e.field.split('.')[0] ?? 'form'))].map(
					(field) => ({ field, message: `version.errors.${field}` })
				)
			});
		const { revision, ...details } = parsed.data;
		const saved = await saveVersionDetails(locals.app.db, user, version, revision, details);
		if (saved !== 'saved')
			return fail(409, { values, errors: [{ field: 'reviewBy', message: `errors.${saved}` }] });
		redirect(303, `${url.pathname}?saved=details`);
	},
	removeVariant: async ({ locals, url, params, request }) => {
		const { user, version } = await loadVersion(locals, url, params);
		requireEditor(user);
		const parsed = parseForm(RemoveVariantForm, await readForm(request));
		if (!parsed.ok) error(400, { message: 'badRequest', issues: parsed.errors });
		const { format, language, revision } = parsed.data;
		const result = await removeVariant(locals.app.db, user, version, revision, format, language);
		if (result !== 'saved')
			return fail(409, { errors: [{ field: 'variants-heading', message: `errors.${result}` }] });
		redirect(303, `${url.pathname}?removed=${format}:${language}`);
	},
	translationReason: async ({ locals, url, params, request }) => {
		const { user, version } = await loadVersion(locals, url, params);
		requireEditor(user);
		const form = await readForm(request);
		const parsed = parseForm(TranslationReasonForm, form);
		if (!parsed.ok) {
			const key = ReasonKey.safeParse(Object.fromEntries(form));
			if (!key.success) error(400, { message: 'badRequest', issues: parsed.errors });
			return fail(400, {
				reasonFor: key.data,
				errors: [{ field: reasonId(key.data), message: 'translation.errors.reason' }]
			});
		}
		const { revision, reason, ...field } = parsed.data;
		const result = await recordTranslationReason(
			locals.app.db,
			user,
			version,
			revision,
			field,
			reason
		);
		if (result !== 'saved')
			return fail(409, { errors: [{ field: reasonId(field), message: `errors.${result}` }] });
		redirect(303, `${url.pathname}?saved=reason`);
	},
	addVariant: async ({ locals, url, params, request }) => {
		const { user } = await loadVersion(locals, url, params);
		requireEditor(user);
		const parsed = parseForm(AddVariantForm, await readForm(request));
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors.map((e) => ({
					field: `add-${e.field}`,
					message: e.message.startsWith('version.') ? e.message : 'errors.invalid'
				}))
			});
		redirect(303, `${url.pathname}/${parsed.data.format}/${parsed.data.language}`);
	}
};
