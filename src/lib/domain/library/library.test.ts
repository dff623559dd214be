import { describe, expect, it } from 'vitest';
import { LibraryFilter, matchesFilter, ShareForm } from './library';

const item = {
	topic: 'Your safety on our ward',
	needs: ['easyRead', 'interpreter'],
	formats: ['leaflet', 'easyRead'],
	languages: ['en', 'ar'],
	readingAge: 10,
	updatedAt: '2026-11-20T10:00:00.000Z'
};
const now = new Date('2026-12-04T12:00:00Z');
const filter = (query: Record<string, string>) => LibraryFilter.parse(query);

describe('browsing the library', () => {
	it('matches every word of the topic text, in any case', () => {
		expect(matchesFilter(item, filter({ q: 'SAFETY ward' }), now)).toBe(true);
		expect(matchesFilter(item, filter({ q: 'safety falls' }), now)).toBe(false);
	});

	it('filters by need, format, language, reading age and how recently it was updated', () => {
		expect(matchesFilter(item, filter({ need: 'easyRead', format: 'leaflet' }), now)).toBe(true);
		expect(matchesFilter(item, filter({ need: 'braille' }), now)).toBe(false);
		expect(matchesFilter(item, filter({ format: 'video' }), now)).toBe(false);
		expect(matchesFilter(item, filter({ language: 'cy' }), now)).toBe(false);
		expect(matchesFilter(item, filter({ readingAge: '9' }), now)).toBe(false);
		expect(matchesFilter(item, filter({ readingAge: '11' }), now)).toBe(true);
		expect(matchesFilter(item, filter({ updated: '30' }), now)).toBe(true);
		expect(
			matchesFilter({ ...item, updatedAt: '2026-01-01T00:00:00Z' }, filter({ updated: '30' }), now)
		).toBe(false);
	});

	it('ignores a value that is not one of the choices rather than refusing the page', () => {
		expect(filter({ need: 'nonsense', format: '<script>', readingAge: 'x', updated: '7' })).toEqual(
			{
				q: ''
			}
		);
	});
});

describe('the share form', () => {
	it('names each field it refuses', () => {
		const parsed = ShareForm.safeParse({
			briefingId: 'nope',
			licence: 'all-rights-reserved',
			attribution: ' ',
			evidenceNote: '',
			userTestingNote: '',
			needs: ['telepathy']
		});
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['briefingId', 'share.errors.briefingId'],
			['licence', 'share.errors.licence'],
			['attribution', 'share.errors.attribution'],
			['needs.0', 'share.errors.needs']
		]);
	});
});
