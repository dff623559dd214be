import type { PackMediaType } from '$lib/domain/content-pack';

const starts = (bytes: Uint8Array, signature: number[], at = 0) =>
	signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * What a file is, judged by its bytes, never its name: MP4 (an `ftyp` box first), WebM (EBML
 * header), WebVTT (the `WEBVTT` line), PNG, JPEG, WebP, SVG, MP3 (an ID3 tag or an MPEG-1/2
 * Layer III frame header) and Opus in Ogg (`OggS` whose first packet is `OpusHead`). Anything
 * else is null.
 */
export function sniffMediaType(bytes: Uint8Array): PackMediaType | null {
	if (starts(bytes, ascii('ftyp'), 4)) return 'video/mp4';
	if (isId3Tag(bytes) || isMp3Frame(bytes)) return 'audio/mpeg';
	if (starts(bytes, ascii('OggS')) && starts(bytes, ascii('OpusHead'), oggFirstPacket(bytes)))
		return 'audio/ogg';
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

/*
 * An MPEG audio frame header (ISO/IEC 11172-3, 2.4.1.3): 11 sync bits, then version (not the
 * reserved 01), layer (III is 01), protection; bitrate index (not 1111, "bad"), sample rate (not
 * 11, reserved). Example, 32 kbit/s mono at 44.1 kHz: FF FB 10 C4. A JPEG (FF D8) and AAC in
 * ADTS (layer 00) fail it.
 */
function isMp3Frame(b: Uint8Array): boolean {
	const [b0 = 0, b1 = 0, b2 = 0] = b;
	const version = (b1 >> 3) & 3;
	const layer = (b1 >> 1) & 3;
	return (
		b0 === 0xff &&
		(b1 & 0xe0) === 0xe0 &&
		version !== 1 &&
		layer === 1 &&
		b2 >> 4 !== 15 &&
		((b2 >> 2) & 3) !== 3
	);
}

/** An ID3v2 tag before the frames: `ID3`, version 2–4, then a "syncsafe" size (7 bits a byte). */
function isId3Tag(b: Uint8Array): boolean {
	const size = [b[6], b[7], b[8], b[9]];
	return (
		starts(b, ascii('ID3')) &&
		[2, 3, 4].includes(b[3] ?? 0) &&
		size.every((x) => x !== undefined && x < 0x80)
	);
}

/** Where an Ogg page's first packet starts: after its 27-byte header and segment table (RFC 3533). */
const oggFirstPacket = (b: Uint8Array) => 27 + (b[26] ?? 0);
