import { describe, expect, it } from 'vitest';
import type { BriefingVariant } from './briefing';
import { diffVersions, diffWords } from './version-diff';

const leaflet = (paragraph: string): BriefingVariant => ({
	format: 'leaflet',
	language: 'en',
	translationChecked: false,
	title: 'Staying safe',
	sections: [{ heading: 'Hands', blocks: [{ kind: 'paragraph', text: paragraph }] }],
	contact: ''
});

describe('diffWords', () => {
	it('marks words removed and added around the ones kept', () => {
		expect(diffWords('a b c', 'a c d')).toEqual([
			{ kind: 'same', text: 'a' },
			{ kind: 'removed', text: 'b' },
			{ kind: 'same', text: 'c' },
			{ kind: 'added', text: 'd' }
		]);
	});

	it('joins neighbouring words of the same kind', () => {
		expect(diffWords('', 'wash your hands')).toEqual([{ kind: 'added', text: 'wash your hands' }]);
	});
});

describe('diffVersions', () => {
	it('names the changed field with its counts and leaves unchanged fields out', () => {
		const change = diffVersions(
			[leaflet('Wash your hands')],
			[leaflet('Wash your hands often')]
		)[0];
		expect(change?.change).toBe('changed');
		expect(change?.fields).toHaveLength(1);
		expect(change?.fields[0]).toMatchObject({
			path: 'sections.0.blocks.0.text',
			label: 'fields.block',
			values: { section: 1, block: 1 },
			added: 1,
			removed: 0
		});
	});

	it('reports a variant only in one version as added or removed', () => {
		expect(diffVersions([], [leaflet('x')])[0]?.change).toBe('added');
		expect(diffVersions([leaflet('x')], [])[0]?.change).toBe('removed');
		expect(diffVersions([leaflet('x')], [leaflet('x')])).toEqual([]);
	});

	it('says when only a picture, a recording or a setting changed, with no words changed', () => {
		const before = leaflet('Wash your hands');
		expect(diffVersions([before], [{ ...before, translationChecked: true }])).toEqual([
			{ format: 'leaflet', language: 'en', change: 'changed', fields: [], otherChanged: true }
		]);
		const words = diffVersions([before], [leaflet('Wash your hands often')]);
		expect(words[0]?.otherChanged).toBe(false);
	});
});
