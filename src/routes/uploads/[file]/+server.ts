import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { mediaTypes, UPLOAD_NAME, type MediaExtension } from '$lib/server/media/uploads';

/** Uploaded media, public like the patient pages that show it; only names we could have made. */
export const GET: RequestHandler = async ({ params, request, locals }) => {
	if (!UPLOAD_NAME.test(params.file)) error(404, { message: 'notFound' });
	const ext = params.file.split('.').pop() as MediaExtension;
	const response = await locals.app.media.serve(
		params.file,
		mediaTypes[ext],
		request.headers.get('range')
	);
	if (!response) error(404, { message: 'notFound' });
	return response;
};
