import { describe, expect, it } from 'vitest';
import { equityView, type EquityInput } from '../equity';
import { discloseEquity } from './equity';
import { recoverable } from './cells';

const input: EquityInput = {
	groups: [
		{ id: 'ld', name: 'Learning disability', preferredFormats: ['easyRead', 'faceToFace'] },
		{ id: 'adult', name: 'General adult', preferredFormats: ['leaflet', 'video'] },
		{ id: 'older', name: 'Older people', preferredFormats: ['faceToFace'] }
	],
	byGroupFormat: [
		{ groupId: 'ld', format: 'leaflet', given: 8, talked: 2 },
		{ groupId: 'ld', format: 'easyRead', given: 2, talked: 2 },
		{ groupId: 'adult', format: 'leaflet', given: 30, talked: 27 },
		{ groupId: 'adult', format: 'video', given: 12, talked: 11 },
		{ groupId: 'older', format: 'faceToFace', given: 20, talked: 20 },
		{ groupId: 'older', format: 'leaflet', given: 6, talked: 6 }
	],
	byGroupLanguage: [
		{ groupId: 'ld', language: 'en', given: 10, talked: 4 },
		{ groupId: 'adult', language: 'en', given: 36, talked: 33 },
		{ groupId: 'adult', language: 'pl', given: 6, talked: 5 },
		{ groupId: 'older', language: 'en', given: 26, talked: 26 }
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

describe('the equity page as a reader without raw counts sees it', () => {
	const view = equityView(input);
	const shown = discloseEquity(view, false);
	const ld = shown.rows[0];

	// Leak: "only 20% … in a preferred format" beside the row's total of 10 gave away the 2.
	it('withholds a call-out whose rate would give away a small count', () => {
		expect(view.callouts.map((c) => [c.kind, c.name])).toContainEqual([
			'lowFit',
			'Learning disability'
		]);
		expect(ld?.fit).toBe('withheld');
		expect(shown.callouts.map((c) => c.name)).not.toContain('Learning disability');
		// Polish feedback rests on one answer of six.
		expect(shown.callouts.map((c) => [c.kind, c.name])).not.toContainEqual(['lowFeedback', 'pl']);
	});

	// Leak: only the small cell was hidden, so its row's total minus the rest gave it back.
	it('hides more counts so that no hidden one can be worked back from the totals', () => {
		expect(ld?.byFormat.easyRead).toBe('withheld');
		expect(ld?.byFormat.leaflet).toBe('withheld');
		const hidden = (x: unknown) => x === 'withheld';
		// Easy read's column: the whole-organisation row would give the 2 back on its own.
		expect(hidden(shown.whole.byFormat.easyRead)).toBe(true);
		for (const row of shown.rows)
			for (const v of [...Object.values(row.byFormat), ...Object.values(row.byLanguage), row.given])
				if (typeof v === 'number') expect(v === 0 || v >= 5, `${row.name}: ${v}`).toBe(true);
	});

	it('hides a second rate too, so the whole organisation’s does not give the first back', () => {
		// Format fit: 2 of 10, 42 of 42, 20 of 26, 64 of 78 in all. Hiding only the first
		// would leave 64 − 42 − 20 = 2; the smallest other numerator (20) goes with it.
		expect(shown.rows.map((r) => r.fit)).toEqual(['withheld', 100, 'withheld']);
		expect(shown.whole.fit).toBeCloseTo((100 * 64) / 78);
	});

	it('shows the lead everything', () => {
		const lead = discloseEquity(view, true);
		expect(lead.rows[0]?.byFormat.easyRead).toBe(2);
		expect(lead.rows[0]?.fit).toBe(20);
		expect(lead.callouts).toEqual(view.callouts);
	});

	it('protects the page as one system: no hidden count can be recovered', () => {
		// Rebuild the lines as the page shows them and check with the same algebra.
		const hiddenIds = new Set<string>();
		shown.rows.forEach((r) => {
			for (const [f, v] of Object.entries(r.byFormat))
				if (v === 'withheld') hiddenIds.add(`f:${r.id}:${f}`);
			for (const [l, v] of Object.entries(r.byLanguage))
				if (v === 'withheld') hiddenIds.add(`l:${r.id}:${l}`);
			if (r.given === 'withheld') hiddenIds.add(`given:${r.id}`);
		});
		for (const [f, v] of Object.entries(shown.whole.byFormat))
			if (v === 'withheld') hiddenIds.add(`fw:${f}`);
		const formats = Object.keys(shown.whole.byFormat);
		const lines = [
			...shown.rows.flatMap((r) => [
				{ total: `given:${r.id}`, parts: formats.map((f) => `f:${r.id}:${f}`) },
				{ total: `given:${r.id}`, parts: shown.languages.map((l) => `l:${r.id}:${l}`) }
			]),
			...formats.map((f) => ({ total: `fw:${f}`, parts: shown.rows.map((r) => `f:${r.id}:${f}`) })),
			{ total: 'given:whole', parts: formats.map((f) => `fw:${f}`) },
			{ total: 'given:whole', parts: shown.rows.map((r) => `given:${r.id}`) }
		];
		expect(hiddenIds.size).toBeGreaterThan(1);
		expect(recoverable(lines, hiddenIds)).toEqual([]);
	});
});
