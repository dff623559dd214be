import { describe, expect, it } from 'vitest';
import type { BriefingVariant } from './briefing';
import { mediaPathsOf, packMediaTypes, PackVariants, withMediaPaths } from './content-pack';

const recorded: BriefingVariant = {
	format: 'faceToFace',
	language: 'so',
	translationChecked: false,
	title: 'Dhicid',
	talkingPoints: ['Wac kalkaalisada.'],
	thingsToShow: [],
	teachBackQuestions: [],
	minutes: 3,
	leaveBehind: [],
	audio: { path: `/uploads/${'a'.repeat(64)}.opus`, mimeType: 'audio/ogg', durationSeconds: 80 }
};

describe('a recording in a content pack', () => {
	it('travels with its variant: listed, moved, and stored under its own extension', () => {
		expect(mediaPathsOf(recorded)).toEqual([`/uploads/${'a'.repeat(64)}.opus`]);
		const moved = withMediaPaths(recorded, (p) => p.replace('/uploads/', '/uploads/moved-'));
		expect(moved).toMatchObject({ audio: { path: `/uploads/moved-${'a'.repeat(64)}.opus` } });
		expect(packMediaTypes['audio/ogg']).toBe('opus');
		expect(packMediaTypes['audio/mpeg']).toBe('mp3');
	});
});

describe('a content pack’s variants', () => {
	const leaflet = (language: string) => ({
		format: 'leaflet',
		language,
		title: 'Your safety on our ward',
		sections: [{ heading: 'Call', blocks: [{ kind: 'paragraph', text: 'Use your call bell.' }] }],
		contact: ''
	});

	it('refuses a leaflet in British Sign Language, named: BSL is only ever a video', () => {
		expect(PackVariants.safeParse([leaflet('en'), leaflet('cy')]).success).toBe(true);
		const refused = PackVariants.safeParse([leaflet('en'), leaflet('bfi')]);
		expect(refused.success).toBe(false);
		expect(refused.error?.issues.map((i) => i.path)).toEqual([[1, 'language']]);
	});
});
