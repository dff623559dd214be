import { describe, expect, it } from 'vitest';
import { coverageOf, type CoverageBriefing, type CoverageGroup } from './coverage';

const learningDisability: CoverageGroup = {
	id: 'g1',
	name: 'People with a learning disability',
	preferredFormats: ['easyRead', 'faceToFace'],
	usualLanguages: ['en']
};
const limitedEnglish: CoverageGroup = {
	id: 'g2',
	name: 'Patients and families with limited English',
	preferredFormats: ['faceToFace', 'leaflet'],
	usualLanguages: ['ar', 'pl']
};
const bloodClots: CoverageBriefing = {
	id: 'b1',
	topic: 'Preventing blood clots',
	published: true,
	variants: [
		{ format: 'leaflet', language: 'en' },
		{ format: 'leaflet', language: 'ar' },
		{ format: 'faceToFace', language: 'en' }
	]
};
const sepsis: CoverageBriefing = { id: 'b2', topic: 'Sepsis', published: false, variants: [] };

describe('coverage', () => {
	it('names the first-choice format a briefing lacks for a group', () => {
		const { gaps } = coverageOf(
			[learningDisability],
			[bloodClots],
			[{ groupId: 'g1', briefingId: 'b1' }]
		);
		expect(gaps).toEqual([
			{
				kind: 'noPreferredFormat',
				group: 'People with a learning disability',
				briefing: 'Preventing blood clots',
				format: 'easyRead'
			}
		]);
	});

	it('names usual languages no preferred format covers, and ignores formats not preferred', () => {
		const { gaps, matrix } = coverageOf(
			[limitedEnglish],
			[bloodClots],
			[{ groupId: 'g2', briefingId: 'b1' }]
		);
		// Arabic has a leaflet (2nd choice); Polish has nothing the group prefers. The first
		// choice (face to face) exists, in English, so it is not missing altogether.
		expect(gaps).toEqual([
			{
				kind: 'missingLanguages',
				group: limitedEnglish.name,
				briefing: 'Preventing blood clots',
				languages: ['pl']
			}
		]);
		const cells = matrix[0]?.rows[0]?.cells ?? [];
		expect(cells.find((c) => c.format === 'leaflet')).toEqual({
			format: 'leaflet',
			rank: 2,
			languages: ['ar', 'en'],
			missing: ['pl']
		});
		expect(cells.find((c) => c.format === 'video')).toEqual({
			format: 'video',
			rank: null,
			languages: [],
			missing: []
		});
	});

	it('flags unpublished briefings and groups with none, and keeps the assigned order', () => {
		const { gaps, matrix } = coverageOf(
			[learningDisability, limitedEnglish],
			[bloodClots, sepsis],
			[
				{ groupId: 'g1', briefingId: 'b2' },
				{ groupId: 'g1', briefingId: 'b1' }
			]
		);
		expect(matrix[0]?.rows.map((r) => r.topic)).toEqual(['Sepsis', 'Preventing blood clots']);
		expect(gaps).toContainEqual({
			kind: 'notPublished',
			group: learningDisability.name,
			briefing: 'Sepsis'
		});
		expect(gaps).toContainEqual({ kind: 'noBriefings', group: limitedEnglish.name });
	});

	it('has no gaps when the first choice exists in every usual language', () => {
		const full: CoverageBriefing = {
			...bloodClots,
			variants: [
				{ format: 'easyRead', language: 'en' },
				{ format: 'faceToFace', language: 'en' }
			]
		};
		expect(
			coverageOf([learningDisability], [full], [{ groupId: 'g1', briefingId: 'b1' }]).gaps
		).toEqual([]);
	});
});
