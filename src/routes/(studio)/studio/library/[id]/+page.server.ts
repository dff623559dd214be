import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { LessonForm, RemoveLessonForm } from '$lib/domain/library/library';
import { measureIds } from '$lib/domain/measurement/measures';
import { formValues, parseForm } from '$lib/server/forms/parse-form';
import { readForm } from '$lib/server/http/body-limit';
import { adoptionOfItem, adoptItem } from '$lib/server/library/adopt';
import { getItem } from '$lib/server/library/browse';
import { requireLibraryLead } from '$lib/server/library/guard';
import {
	annotationChoices,
	lessonsFor,
	removeLesson,
	shareLesson
} from '$lib/server/library/lessons';
import { withdrawItem } from '$lib/server/library/share';
import { readVersion } from '$lib/server/library/versions';

const Id = z.uuid();
/** Words to find among the organisation's chart notes (the lesson form's search). */
const NoteSearch = z.string().trim().max(100);

function itemId(params: { id: string }): string {
	const id = Id.safeParse(params.id);
	if (!id.success) error(404, { message: 'notFound' });
	return id.data;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireLibraryLead(locals.user, url);
	const db = locals.app.db;
	const id = itemId(params);
	const item = await getItem(db, user.organisationId, id);
	if (!item) error(404, { message: 'notFound' });
	// Read (and checked against its fingerprint) only while it is in the library.
	const version = item.withdrawn ? null : await readVersion(db, id);
	if (version && !version.ok && version.reason === 'notFound') error(404, { message: 'notFound' });
	// The lesson form's chart notes: those holding the words looked for, a page at a time.
	const search = NoteSearch.safeParse(url.searchParams.get('notes') ?? '');
	const words = search.success ? search.data : '';
	const [adoption, lessons, notes] = await Promise.all([
		adoptionOfItem(db, user.organisationId, id),
		lessonsFor(db, user.organisationId, id),
		annotationChoices(db, user.organisationId, {
			words,
			page: url.searchParams.get('notesPage')
		})
	]);
	return {
		title: item.topic,
		item: version && !version.ok ? { ...item, withdrawn: 'fingerprint' as const } : item,
		content: version?.ok ? version.content : null,
		fingerprint: version?.ok ? version.fingerprint : null,
		adoption,
		lessons,
		notes: { ...notes, words, wordsError: search.success ? null : 'lessons.errors.notes' },
		measures: measureIds,
		shared: url.searchParams.get('shared'),
		lessonRemoved: url.searchParams.has('lessonRemoved')
	};
};

async function lead(event: RequestEvent) {
	return requireLibraryLead(event.locals.user, event.url);
}

export const actions: Actions = {
	adopt: async (event) => {
		const user = await lead(event);
		await readForm(event.request);
		const result = await adoptItem(
			event.locals.app.db,
			event.locals.app.media,
			user,
			itemId(event.params)
		);
		if (!result.ok) {
			if (result.reason === 'notFound') error(404, { message: 'notFound' });
			return fail(409, { errors: [{ field: 'adopt', message: `adopt.errors.${result.reason}` }] });
		}
		redirect(303, `/studio/briefings/${result.briefingId}`);
	},
	withdraw: async (event) => {
		const user = await lead(event);
		await readForm(event.request);
		const id = itemId(event.params);
		if (!(await withdrawItem(event.locals.app.db, user, id)))
			return fail(409, { errors: [{ field: 'withdraw', message: 'withdraw.errors.notYours' }] });
		redirect(303, `/studio/library/${id}`);
	},
	lesson: async (event) => {
		const user = await lead(event);
		const form = await readForm(event.request);
		const parsed = parseForm(LessonForm, form);
		const values = formValues(LessonForm, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const id = itemId(event.params);
		const result = await shareLesson(event.locals.app.db, user, id, parsed.data);
		if (!result.ok) {
			if (result.reason === 'notFound') error(404, { message: 'notFound' });
			return fail(result.reason === 'unknownAnnotation' ? 400 : 409, {
				errors: [{ field: 'annotationId', message: `lessons.errors.${result.reason}` }],
				values
			});
		}
		redirect(303, `/studio/library/${id}#lessons`);
	},
	removeLesson: async (event) => {
		const user = await lead(event);
		const parsed = parseForm(RemoveLessonForm, await readForm(event.request));
		const id = itemId(event.params);
		if (!parsed.ok || !(await removeLesson(event.locals.app.db, user, parsed.data.lessonId)))
			return fail(409, {
				errors: [{ field: 'lessons', message: 'lessons.errors.notYours' }]
			});
		redirect(303, `/studio/library/${id}?lessonRemoved=1#lessons`);
	}
};
