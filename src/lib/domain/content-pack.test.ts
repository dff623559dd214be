import { describe, expect, it } from 'vitest';
import type { BriefingVariant } from './briefing';
import { mediaPathsOf, packMediaTypes, withMediaPaths } from './content-pack';

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
