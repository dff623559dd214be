import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseWebVtt } from '$lib/domain/webvtt';
import type { StagedFile } from '../http/upload-form';
import { sniffMediaType } from './sniff';
import type { MediaStorage } from './storage';

/*
 * Uploaded media: stored once, by content, in media storage (storage.ts) as <sha256>.<ext> and
 * referenced as /uploads/<sha256>.<ext>. The type comes from the file's first bytes (its "magic number"),
 * never from its name or the browser's word for it, and a file is refused — too big, wrong
 * type, captions that are not WebVTT — before anything reaches the disk.
 */
export const mediaTypes = {
	mp4: 'video/mp4',
	webm: 'video/webm',
	vtt: 'text/vtt',
	png: 'image/png',
	jpg: 'image/jpeg',
	webp: 'image/webp',
	mp3: 'audio/mpeg',
	opus: 'audio/ogg'
} as const;
export type MediaExtension = keyof typeof mediaTypes;

export const UPLOAD_NAME = /^[0-9a-f]{64}\.(mp4|webm|vtt|png|jpg|webp|mp3|opus)$/;

/** The media type of a file from its first bytes, or null when it is none we accept. */
export function sniffMedia(head: Uint8Array): MediaExtension | null {
	const type = sniffMediaType(head);
	// Pictures drawn as SVG can carry script: bundled symbols only, never uploads.
	const found = Object.entries(mediaTypes).find(([, mime]) => mime === type);
	return found ? (found[0] as MediaExtension) : null;
}

export type UploadKind = 'video' | 'captions' | 'image' | 'audio';
const accepted: Record<UploadKind, readonly MediaExtension[]> = {
	video: ['mp4', 'webm'],
	captions: ['vtt'],
	image: ['png', 'jpg', 'webp'],
	audio: ['mp3', 'opus']
};

/**
 * A recorded narration: 50 MB is over an hour of speech at 96 kbit/s, and a patient may download
 * it on a phone's data; the server's own upload limit applies too, whichever is less.
 */
export const AUDIO_MAX_BYTES = 50 * 1024 * 1024;

export type UploadResult =
	| { ok: true; path: string; mimeType: (typeof mediaTypes)[MediaExtension] }
	| { ok: false; problem: 'tooBig' | 'wrongType' | 'badCaptions' | 'empty' };

/** Checks and stores one uploaded file; nothing is written unless every check passes. */
export async function storeUpload(
	media: MediaStorage,
	file: File,
	kind: UploadKind,
	maxBytes: number
): Promise<UploadResult> {
	if (file.size === 0) return { ok: false, problem: 'empty' };
	if (file.size > maxBytes || (kind === 'audio' && file.size > AUDIO_MAX_BYTES))
		return { ok: false, problem: 'tooBig' };
	const bytes = new Uint8Array(await file.arrayBuffer());
	const ext = sniffMedia(bytes.subarray(0, 64));
	if (!ext || !accepted[kind].includes(ext)) return { ok: false, problem: 'wrongType' };
	if (ext === 'vtt' && !parseWebVtt(new TextDecoder().decode(bytes)).ok)
		return { ok: false, problem: 'badCaptions' };
	const stored = await media.putBytes(bytes, ext);
	return { ok: true, path: stored.path, mimeType: mediaTypes[ext] };
}

/** Captions are text: anything larger than this is not a caption file. */
const MAX_CAPTIONS_BYTES = 5 * 1024 * 1024;

/**
 * Checks and stores a file that arrived on disk (readUploadForm): the same checks, and the
 * file is moved into place rather than read into memory. A refused file is removed.
 */
export async function storeStagedUpload(
	media: MediaStorage,
	file: StagedFile,
	kind: UploadKind
): Promise<UploadResult> {
	const refuse = async (problem: 'tooBig' | 'wrongType' | 'badCaptions' | 'empty') => {
		await rm(file.path, { force: true });
		return { ok: false as const, problem };
	};
	if (file.size === 0) return refuse('empty');
	if (file.tooBig || (kind === 'audio' && file.size > AUDIO_MAX_BYTES)) return refuse('tooBig');
	const ext = sniffMedia(file.head);
	if (!ext || !accepted[kind].includes(ext)) return refuse('wrongType');
	if (
		ext === 'vtt' &&
		(file.size > MAX_CAPTIONS_BYTES || !parseWebVtt(await readFile(file.path, 'utf8')).ok)
	)
		return refuse('badCaptions');
	const stored = await media.put(file, ext);
	return { ok: true, path: stored.path, mimeType: mediaTypes[ext] };
}

/**
 * Where uploads wait while their form is read: this server's own disk (media storage moves
 * them into its folder, or copies them there when it is another file system).
 */
export const incomingDir = (dataDir: string) => join(dataDir, 'incoming');

/**
 * An uploaded file from a form field: null when no file was chosen (a browser sends the field
 * as a file with no name and no bytes), 'empty' when the file chosen has no bytes.
 */
export function fileFrom(form: FormData, name: string): File | 'empty' | null {
	const value = form.get(name);
	if (!(value instanceof File)) return null;
	if (value.size > 0) return value;
	return value.name ? 'empty' : null;
}
