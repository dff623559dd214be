import type { PackMediaType } from '$lib/domain/content-pack';

const starts = (bytes: Uint8Array, signature: number[], at = 0) =>
	signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * What a file is, judged by its bytes, never its name: MP4 (an `ftyp` box first), WebM (EBML
 * header), WebVTT (the `WEBVTT` line), PNG, JPEG, WebP and SVG. Anything else is null.
 */
export function sniffMediaType(bytes: Uint8Array): PackMediaType | null {
	if (starts(bytes, ascii('ftyp'), 4)) return 'video/mp4';
	if (starts(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
	if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (starts(bytes, ascii('RIFF')) && starts(bytes, ascii('WEBP'), 8)) return 'image/webp';
	const head = new TextDecoder('utf-8', { fatal: false })
		.decode(bytes.subarray(0, 1024))
		.replace(/^\uFEFF/, '');
	if (/^WEBVTT(?:[ \t\r\n]|$)/.test(head)) return 'text/vtt';
	if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(head)) return 'image/svg+xml';
	return null;
}
