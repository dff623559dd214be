import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { givenAs } from '$lib/domain/briefing';
import { BriefingFormat } from '$lib/domain/format';
import { LanguageCode } from '$lib/domain/language';
import { mayEditContent, type StaffAccount } from '$lib/domain/staff';
import { requirePageRole } from '../auth/guard';
import { getBriefingDetail, getVersion } from '../repositories/briefing-versions';
import { forbidden } from '$lib/server/auth/guard';

type Locals = App.Locals;

const VersionNumber = z.coerce.number().int().positive().max(100_000);

/** The briefing and version a studio page is about, from its route; 404 when not this organisation's. */
export async function loadVersion(
	locals: Locals,
	url: URL,
	params: { id: string; number: string }
) {
	const user = requirePageRole(locals.user, 'studio', url);
	const number = VersionNumber.safeParse(params.number);
	const id = z.uuid().safeParse(params.id);
	if (!number.success || !id.success) error(404, { message: 'notFound' });
	const briefing = await getBriefingDetail(locals.app.db, user.organisationId, id.data);
	const version = briefing
		? await getVersion(locals.app.db, user.organisationId, id.data, number.data)
		: null;
	if (!briefing || !version) error(404, { message: 'notFound' });
	return { user, briefing, version };
}

/** A variant's format and language from the route; 404 for anything else. */
export function variantParams(params: { format: string; language: string }) {
	const format = BriefingFormat.safeParse(params.format);
	const language = LanguageCode.safeParse(params.language);
	// A leaflet in British Sign Language, say, is no page: BSL is only ever a video.
	if (!format.success || !language.success || !givenAs(format.data, language.data))
		error(404, { message: 'notFound' });
	return { format: format.data, language: language.data };
}

/** For actions that change content: roles are checked on the server, whatever the page shows. */
export function requireEditor(user: StaffAccount): void {
	if (!mayEditContent(user.role)) forbidden();
}

/**
 * The new-draft button's words, or null when a version is open (a new draft would be refused):
 * a new draft copies the published version, or the newest when none is (every one retired).
 */
export function newDraftLabel(versions: ReadonlyArray<{ status: string }>) {
	if (versions.some((v) => ['draft', 'inReview', 'approved'].includes(v.status))) return null;
	return versions.some((v) => v.status === 'published') ? 'newDraft' : 'newDraftFromLatest';
}
