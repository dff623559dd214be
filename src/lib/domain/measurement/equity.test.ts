import { describe, expect, it } from 'vitest';
import { equityView, type EquityInput } from './equity';

const input: EquityInput = {
	groups: [
		{ id: 'ld', name: 'Learning disability', preferredFormats: ['easyRead', 'faceToFace'] },
		{ id: 'adult', name: 'General adult', preferredFormats: ['leaflet', 'video'] }
	],
	byGroupFormat: [
		{ groupId: 'ld', format: 'leaflet', given: 8, talked: 2 },
		{ groupId: 'ld', format: 'easyRead', given: 2, talked: 2 },
		{ groupId: 'adult', format: 'leaflet', given: 30, talked: 27 }
	],
	byGroupLanguage: [
		{ groupId: 'ld', language: 'en', given: 10, talked: 4 },
		{ groupId: 'adult', language: 'en', given: 24, talked: 23 },
		{ groupId: 'adult', language: 'pl', given: 6, talked: 4 }
	],
	feedbackByGroup: new Map([['adult', { numerator: 18, denominator: 20 }]]),
	feedbackByLanguage: new Map([
		['en', { numerator: 18, denominator: 20 }],
		['pl', { numerator: 1, denominator: 6 }]
	]),
	coverageByWard: [
		{ wardId: 'w7', name: 'Ward 7', numerator: 20, denominator: 25 },
		{ wardId: 'w12', name: 'Ward 12', numerator: 5, denominator: 25 }
	]
};

describe('equity view', () => {
	const view = equityView(input);

	it('counts each group by format and language, with its format fit', () => {
		const ld = view.rows[0];
		expect(ld).toMatchObject({
			given: 10,
			byFormat: { leaflet: 8, easyRead: 2 },
			byLanguage: { en: 10 }
		});
		expect(ld?.fit).toEqual({ numerator: 2, denominator: 10 });
		expect(view.languages).toEqual(['en', 'pl']);
	});

	it('calls out a group whose format rarely fits, and groups, languages and wards below the whole', () => {
		expect(view.callouts.map((c) => [c.kind, c.name])).toEqual([
			['lowFit', 'Learning disability'],
			['lowTalked', 'Learning disability'],
			['lowTalked', 'pl'],
			['lowFeedback', 'pl'],
			['lowCoverage', 'Ward 12']
		]);
	});

	it('does not call out a rate resting on fewer than 5 answers', () => {
		const small = equityView({
			...input,
			byGroupFormat: [{ groupId: 'ld', format: 'leaflet', given: 4, talked: 0 }],
			byGroupLanguage: [],
			feedbackByLanguage: new Map(),
			coverageByWard: []
		});
		expect(small.callouts).toEqual([]);
	});

	it('leaves records whose talked-through question was not recorded out of that rate', () => {
		const unanswered = equityView({
			...input,
			byGroupFormat: [
				{ groupId: 'adult', format: 'leaflet', given: 30, talked: 9, talkedAnswered: 10 }
			],
			byGroupLanguage: [
				{ groupId: 'adult', language: 'en', given: 30, talked: 9, talkedAnswered: 10 }
			]
		});
		expect(unanswered.rows[1]?.talked).toEqual({ numerator: 9, denominator: 10 });
		expect(unanswered.whole.talked).toEqual({ numerator: 9, denominator: 10 });
	});
});
