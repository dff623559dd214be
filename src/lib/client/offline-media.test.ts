import { describe, expect, it } from 'vitest';
import type { VariantOf } from '$lib/domain/briefing';
import type { WardContent } from '$lib/domain/ward-content';
import { videosOf } from './offline-media';

const upload = (name: string, ext: string) => `/uploads/${name.repeat(64)}.${ext}`;

describe('videosOf', () => {
	it('lists each video and each recording once, with the languages it serves', () => {
		const briefing = (variants: WardContent['briefings'][number]['variants']) =>
			({ topic: 'Falls', variants }) as WardContent['briefings'][number];
		const leaflet = (language: 'en' | 'so', path: string): VariantOf<'leaflet'> => ({
			format: 'leaflet',
			language,
			translationChecked: false,
			title: 'Falls',
			sections: [],
			contact: '',
			audio: { path, mimeType: 'audio/mpeg', durationSeconds: 60 }
		});
		const content = {
			briefings: [
				briefing([
					{
						format: 'video',
						language: 'bfi',
						translationChecked: false,
						title: 'Falls',
						sources: [{ kind: 'upload', path: upload('v', 'mp4'), mimeType: 'video/mp4' }],
						captions: [],
						transcript: '',
						poster: null,
						durationSeconds: 20
					},
					leaflet('en', upload('a', 'mp3')),
					leaflet('so', upload('b', 'mp3'))
				])
			]
		} as unknown as WardContent;
		expect(videosOf(content)).toEqual([
			{ path: upload('v', 'mp4'), kind: 'video', topic: 'Falls', languages: ['bfi'] },
			{ path: upload('a', 'mp3'), kind: 'audio', topic: 'Falls', languages: ['en'] },
			{ path: upload('b', 'mp3'), kind: 'audio', topic: 'Falls', languages: ['so'] }
		]);
	});
});
