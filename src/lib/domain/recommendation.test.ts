import { describe, expect, it } from 'vitest';
import type { BriefingFormat } from './format';
import { recommendFormat, suggestGroup, type AvailableVariant } from './recommendation';

const variants = (language: string, ...formats: BriefingFormat[]): AvailableVariant[] =>
	formats.map((format) => ({ format, language }));

describe('recommendFormat', () => {
	const learningDisability = { preferredFormats: ['easyRead', 'faceToFace'] as BriefingFormat[] };

	it("recommends the group's first preferred format when it exists in the language", () => {
		const available = [...variants('en', 'video', 'leaflet', 'easyRead', 'faceToFace')];
		expect(recommendFormat(learningDisability, 'en', available)).toEqual({
			format: 'easyRead',
			language: 'en',
			why: 'firstChoice',
			missing: [],
			alternatives: ['faceToFace', 'video', 'leaflet']
		});
	});

	it('falls to a later preference and names what is missing', () => {
		const available = variants('cy', 'video', 'leaflet', 'faceToFace');
		expect(recommendFormat(learningDisability, 'cy', available)).toMatchObject({
			format: 'faceToFace',
			language: 'cy',
			why: 'laterChoice',
			missing: ['easyRead']
		});
	});

	it('offers a format the group does not prefer when that is all the language has', () => {
		const available = [...variants('pl', 'leaflet'), ...variants('en', 'easyRead')];
		expect(recommendFormat(learningDisability, 'pl', available)).toEqual({
			format: 'leaflet',
			language: 'pl',
			why: 'notPreferred',
			missing: ['easyRead', 'faceToFace'],
			alternatives: []
		});
	});

	it('falls back to English with an interpreter, the script first, when the language has nothing', () => {
		const available = variants('en', 'video', 'leaflet', 'faceToFace');
		expect(recommendFormat({ preferredFormats: ['video', 'leaflet'] }, 'so', available)).toEqual({
			format: 'faceToFace',
			language: 'en',
			why: 'interpreterFallback',
			missing: ['video', 'leaflet'],
			alternatives: ['video', 'leaflet']
		});
	});

	it('offers the script once when the group prefers it too and the language has nothing', () => {
		const available = variants('en', 'leaflet', 'faceToFace');
		expect(
			recommendFormat({ preferredFormats: ['faceToFace', 'leaflet'] }, 'pl', available)
		).toMatchObject({
			format: 'faceToFace',
			why: 'interpreterFallback',
			alternatives: ['leaflet']
		});
	});

	it('returns null when there is nothing usable at all', () => {
		expect(recommendFormat(learningDisability, 'so', variants('ar', 'leaflet'))).toBeNull();
		expect(recommendFormat(learningDisability, 'en', [])).toBeNull();
	});

	it('never recommends a variant of another language as if it were the chosen one', () => {
		const result = recommendFormat(learningDisability, 'ar', [
			...variants('en', 'easyRead'),
			...variants('ar', 'video')
		]);
		expect(result?.language).toBe('ar');
		expect(result?.format).toBe('video');
	});
});

describe('suggestGroup', () => {
	const groups = [
		{ id: 'general', communicationNeeds: [], usualLanguages: ['en', 'cy'], ageBands: ['adult'] },
		{
			id: 'frail',
			communicationNeeds: ['largePrint'],
			usualLanguages: ['en'],
			ageBands: ['older']
		},
		{ id: 'ld', communicationNeeds: ['easyRead', 'carerOrAdvocate'], usualLanguages: ['en'] },
		{
			id: 'children',
			communicationNeeds: ['carerOrAdvocate'],
			usualLanguages: ['en'],
			ageBands: ['child']
		},
		{ id: 'limitedEnglish', communicationNeeds: ['interpreter'], usualLanguages: ['ar', 'pl'] },
		{ id: 'bsl', communicationNeeds: ['bsl', 'interpreter'], usualLanguages: ['bfi', 'en'] }
	] as const;
	const none = { language: null, need: null, ageBand: null };

	it('picks the group with the matching communication need', () => {
		expect(suggestGroup({ ...none, need: 'easyRead' }, groups)?.id).toBe('ld');
		expect(suggestGroup({ ...none, need: 'bsl' }, groups)?.id).toBe('bsl');
	});

	it('picks the limited-English group from a language, but not for English or Welsh', () => {
		expect(suggestGroup({ ...none, language: 'pl' }, groups)?.id).toBe('limitedEnglish');
		expect(suggestGroup({ ...none, language: 'cy' }, groups)).toBeNull();
	});

	it('uses the age band when nothing else decides', () => {
		expect(suggestGroup({ ...none, ageBand: 'child' }, groups)?.id).toBe('children');
		expect(suggestGroup({ ...none, ageBand: 'older' }, groups)?.id).toBe('frail');
	});

	it('prefers the group made for an age band to one that covers every age', () => {
		const allAges = {
			id: 'all',
			communicationNeeds: [],
			usualLanguages: ['en'],
			ageBands: ['child', 'adult', 'older']
		} as const;
		const children = {
			id: 'children',
			communicationNeeds: [],
			usualLanguages: ['en'],
			ageBands: ['child']
		} as const;
		expect(suggestGroup({ ...none, ageBand: 'child' }, [allAges, children])?.id).toBe('children');
	});

	it('lets a need outweigh an age band, and keeps the lead’s order on ties', () => {
		expect(suggestGroup({ ...none, need: 'carerOrAdvocate', ageBand: 'child' }, groups)?.id).toBe(
			'children'
		);
		expect(suggestGroup({ ...none, need: 'carerOrAdvocate' }, groups)?.id).toBe('ld');
	});

	it('says nothing when no answer matches', () => {
		expect(suggestGroup(none, groups)).toBeNull();
	});
});

describe('recommendFormat for a group that signs (BSL)', () => {
	const deaf = {
		preferredFormats: ['video', 'easyRead'] as BriefingFormat[],
		communicationNeeds: ['bsl' as const, 'interpreter' as const]
	};
	const withBsl = [...variants('en', 'leaflet', 'easyRead', 'video'), ...variants('bfi', 'video')];

	it('recommends the BSL video whatever written language was chosen, the rest as alternatives', () => {
		expect(recommendFormat(deaf, 'en', withBsl)).toEqual({
			format: 'video',
			language: 'bfi',
			why: 'bsl',
			missing: [],
			alternatives: ['video', 'easyRead', 'leaflet'],
			alternativesLanguage: 'en'
		});
		expect(recommendFormat(deaf, 'pl', withBsl)).toMatchObject({
			format: 'video',
			language: 'bfi',
			why: 'bsl',
			alternativesLanguage: 'en'
		});
	});

	it('is the first choice when BSL itself was chosen', () => {
		expect(recommendFormat(deaf, 'bfi', withBsl)).toMatchObject({
			format: 'video',
			language: 'bfi',
			why: 'firstChoice'
		});
	});

	it('falls back to the usual rule without a BSL video, and for groups that do not sign', () => {
		const noBsl = variants('en', 'leaflet', 'video');
		expect(recommendFormat(deaf, 'en', noBsl)).toMatchObject({
			format: 'video',
			language: 'en',
			why: 'firstChoice'
		});
		const hearing = { preferredFormats: ['leaflet'] as BriefingFormat[], communicationNeeds: [] };
		expect(recommendFormat(hearing, 'en', withBsl)).toMatchObject({
			format: 'leaflet',
			language: 'en'
		});
	});

	it('offers the BSL video even when nothing is written in the chosen language or English', () => {
		expect(recommendFormat(deaf, 'so', variants('bfi', 'video'))).toEqual({
			format: 'video',
			language: 'bfi',
			why: 'bsl',
			missing: [],
			alternatives: [],
			alternativesLanguage: 'so'
		});
	});
});
