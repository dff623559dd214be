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
