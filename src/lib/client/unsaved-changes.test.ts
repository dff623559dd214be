import { describe, expect, it } from 'vitest';
import { askBeforeLeaving, sameValues } from './unsaved-changes.svelte';

describe('askBeforeLeaving', () => {
	const at = (path: string) => ({ url: new URL(path, 'https://studio.example') });
	const elsewhere = {
		from: at('/studio/briefings/b/v/1/leaflet/en'),
		to: at('/studio/briefings/b')
	};
	const link = { type: 'link', willUnload: false, ...elsewhere } as const;
	const clean = { changed: false, submitting: false };
	const changed = { changed: true, submitting: false };

	it('lets a clean form go unasked, however it is left', () => {
		expect(askBeforeLeaving(link, clean)).toBe('go');
		expect(
			askBeforeLeaving({ type: 'leave', willUnload: true, from: elsewhere.from, to: null }, clean)
		).toBe('go');
		expect(askBeforeLeaving({ type: 'popstate', willUnload: false, ...elsewhere }, clean)).toBe(
			'go'
		);
	});

	it('asks the lead before a link, the back button or a goto takes changed work away', () => {
		expect(askBeforeLeaving(link, changed)).toBe('confirm');
		expect(askBeforeLeaving({ type: 'popstate', willUnload: false, ...elsewhere }, changed)).toBe(
			'confirm'
		);
		expect(askBeforeLeaving({ type: 'goto', willUnload: false, ...elsewhere }, changed)).toBe(
			'confirm'
		);
	});

	it('leaves closing, reloading or another site to the browser’s own question', () => {
		expect(
			askBeforeLeaving({ type: 'leave', willUnload: true, from: elsewhere.from, to: null }, changed)
		).toBe('browser');
		expect(
			askBeforeLeaving(
				{
					type: 'link',
					willUnload: true,
					from: elsewhere.from,
					to: { url: new URL('https://www.nhs.uk/') }
				},
				changed
			)
		).toBe('browser');
	});

	it('lets a navigation to the same page through: another of its forms answered', () => {
		const again = { from: elsewhere.from, to: at('/studio/briefings/b/v/1/leaflet/en?saved=1') };
		expect(askBeforeLeaving({ type: 'goto', willUnload: false, ...again }, changed)).toBe('go');
		expect(askBeforeLeaving({ type: 'link', willUnload: false, ...again }, changed)).toBe('go');
	});

	it('lets the redirect after saving through, but not a link clicked while it saves', () => {
		const saving = { changed: true, submitting: true };
		expect(askBeforeLeaving({ type: 'goto', willUnload: false, ...elsewhere }, saving)).toBe(
			'saving'
		);
		expect(askBeforeLeaving(link, saving)).toBe('confirm');
		expect(
			askBeforeLeaving({ type: 'leave', willUnload: true, from: elsewhere.from, to: null }, saving)
		).toBe('browser');
	});
});

describe('sameValues', () => {
	const saved = {
		format: 'leaflet',
		title: 'Calling for help',
		sections: [{ heading: 'When', blocks: [{ kind: 'paragraph', text: 'Press the bell.' }] }],
		translationChecked: false
	};

	it('counts text typed and then undone as no change', () => {
		const typed = structuredClone(saved);
		typed.sections[0]!.blocks[0]!.text = 'Press the bell. Now.';
		expect(sameValues(typed, saved)).toBe(false);
		typed.sections[0]!.blocks[0]!.text = 'Press the bell.';
		expect(sameValues(typed, saved)).toBe(true);
	});

	it('sees a row added, a box ticked and a key missing from one side', () => {
		const added = structuredClone(saved);
		added.sections.push({ heading: '', blocks: [] });
		expect(sameValues(added, saved)).toBe(false);
		expect(sameValues({ ...saved, translationChecked: true }, saved)).toBe(false);
		expect(sameValues({ ...saved, contact: 'Ward 7' }, saved)).toBe(false);
		expect(sameValues({ ...saved, contact: undefined }, saved)).toBe(true);
	});

	it('tells a list from an object, and a string from a number', () => {
		expect(sameValues(['a'], { 0: 'a' })).toBe(false);
		expect(sameValues('20', 20)).toBe(false);
		expect(sameValues(null, {})).toBe(false);
	});
});
