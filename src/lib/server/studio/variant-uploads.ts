import type { DraftError, VariantDraft } from '$lib/domain/variant-draft';
import type { UploadForm } from '../http/upload-form';
import type { MediaStorage } from '../media/storage';
import { hasAudio } from '$lib/domain/variant-draft';
import { AUDIO_MAX_BYTES, storeStagedUpload, type UploadKind } from '../media/uploads';

/**
 * Stores the files sent with an editor's form (already on disk, see readUploadForm) and puts
 * their paths into the draft. Each file is checked (size, type by content) before it is kept; a refused one is named by its field.
 */
export async function applyUploads(
	draft: VariantDraft,
	upload: UploadForm,
	media: MediaStorage,
	uploadMaxBytes = Infinity
): Promise<{ draft: VariantDraft; errors: DraftError[] }> {
	const errors: DraftError[] = [];
	const audioLimitMb = Math.floor(Math.min(AUDIO_MAX_BYTES, uploadMaxBytes) / (1024 * 1024));
	const form = upload.fields;
	const store = async (field: string, kind: UploadKind) => {
		const file = upload.file(field);
		if (!file) return null;
		const result = await storeStagedUpload(media, file, kind);
		if (result.ok) return result;
		// A recording's limit is its own (and the server's, if less): the message names it.
		if (kind === 'audio' && result.problem === 'tooBig')
			errors.push({ field, message: 'audio.tooBig', values: { max: audioLimitMb } });
		else errors.push({ field, message: `errors.${result.problem}` });
		return null;
	};
	if (draft.format === 'video') {
		const video = await store('videoFile', 'video');
		if (video)
			draft = {
				...draft,
				sourceKind: 'upload',
				uploadPath: video.path,
				uploadMime: video.mimeType
			};
		const captions = await store('captionsFile', 'captions');
		const language = String(form.get('captionsLanguage') ?? '');
		if (captions && draft.format === 'video')
			draft = {
				...draft,
				captions: [
					...draft.captions.filter((c) => c.language !== language),
					{ language, path: captions.path }
				]
			};
		const poster = await store('posterFile', 'image');
		if (poster && draft.format === 'video') draft = { ...draft, posterPath: poster.path };
	}
	if (draft.format === 'easyRead') {
		const rows = [...draft.rows];
		for (const [i, row] of rows.entries()) {
			const picture = await store(`rows.${i}.pictureFile`, 'image');
			if (picture) rows[i] = { ...row, pictureKind: 'upload', upload: picture.path };
		}
		draft = { ...draft, rows };
	}
	if (hasAudio(draft)) {
		const audio = await store('audioFile', 'audio');
		if (audio && hasAudio(draft))
			draft = { ...draft, audioPath: audio.path, audioMime: audio.mimeType };
	}
	return { draft, errors };
}
