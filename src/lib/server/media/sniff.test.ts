import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './sniff';

const bytes = (...parts: Array<string | number[]>) =>
	new Uint8Array(
		parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p))
	);

describe('sniffMediaType', () => {
	it('knows each type by its bytes', () => {
		expect(sniffMediaType(bytes([0, 0, 0, 0x20], 'ftypisom'))).toBe('video/mp4');
		expect(sniffMediaType(bytes([0x1a, 0x45, 0xdf, 0xa3, 1]))).toBe('video/webm');
		expect(sniffMediaType(bytes('WEBVTT\n\n00:00.000 --> 00:01.000\nHi'))).toBe('text/vtt');
		expect(sniffMediaType(bytes([0xef, 0xbb, 0xbf], 'WEBVTT - captions\n'))).toBe('text/vtt');
		expect(sniffMediaType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
		expect(sniffMediaType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
		expect(sniffMediaType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
		expect(sniffMediaType(bytes('<?xml version="1.0"?>\n<svg xmlns="x"></svg>'))).toBe(
			'image/svg+xml'
		);
	});

	it('does not go by a name or a near miss', () => {
		expect(sniffMediaType(bytes('WEBVTTX'))).toBeNull();
		expect(sniffMediaType(bytes('<html><svg></svg></html>'))).toBeNull();
		expect(sniffMediaType(bytes('%PDF-1.7'))).toBeNull();
		expect(sniffMediaType(bytes('PK', [3, 4]))).toBeNull();
		expect(sniffMediaType(new Uint8Array())).toBeNull();
	});
});

describe('sniffMediaType: recordings', () => {
	// 32 kbit/s mono MPEG-1 Layer III at 44.1 kHz; an Ogg page whose first packet is OpusHead.
	const mp3Frame = [0xff, 0xfb, 0x10, 0xc4];
	const oggOpus = bytes('OggS', [0, 2, ...Array(20).fill(0), 1, 19], 'OpusHead', [1, 1]);

	it('knows MP3 by its ID3 tag or its first frame, and Opus by OggS and OpusHead', () => {
		expect(sniffMediaType(bytes('ID3', [4, 0, 0, 0, 0, 0x02, 0x01]))).toBe('audio/mpeg');
		expect(sniffMediaType(bytes(mp3Frame))).toBe('audio/mpeg');
		expect(sniffMediaType(bytes([0xff, 0xf3, 0x14, 0xc4]))).toBe('audio/mpeg'); // MPEG-2
		expect(sniffMediaType(oggOpus)).toBe('audio/ogg');
	});

	it('refuses near misses: other Ogg, AAC, a bad frame, text', () => {
		expect(
			sniffMediaType(bytes('OggS', [0, 2, ...Array(20).fill(0), 1, 30], '\x01vorbis'))
		).toBeNull();
		expect(sniffMediaType(bytes([0xff, 0xf1, 0x50, 0x80]))).toBeNull(); // AAC (layer 00)
		expect(sniffMediaType(bytes([0xff, 0xfb, 0xf0, 0xc4]))).toBeNull(); // bitrate "bad"
		expect(sniffMediaType(bytes([0xff, 0xfb, 0x1c, 0xc4]))).toBeNull(); // sample rate reserved
		expect(sniffMediaType(bytes([0xff, 0xeb, 0x10, 0xc4]))).toBeNull(); // version reserved
		expect(sniffMediaType(bytes('just some text, renamed .mp3'))).toBeNull();
		expect(sniffMediaType(bytes('ID3 tags are how MP3 files begin'))).toBeNull();
		expect(sniffMediaType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
	});
});
