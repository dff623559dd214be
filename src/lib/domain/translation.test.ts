import { describe, expect, it } from 'vitest';
import {
	draftTextFields,
	mayKeepPartial,
	staleFields,
	TranslationReasonForm,
	translationProgress,
	wordDiff
} from './translation';
import { emptyDraft, type DraftOf } from './variant-draft';

const leaflet = (texts: Partial<Record<string, string>> = {}): DraftOf<'leaflet'> => ({
	format: 'leaflet',
	translationChecked: false,
	audioPath: '',
	audioMime: '',
	audioDurationSeconds: '',
	title: texts.title ?? '',
	contact: texts.contact ?? '',
	sections: [
		{
			heading: texts.heading ?? '',
			blocks: [
				{ kind: 'paragraph', text: texts.p0 ?? '' },
				{ kind: 'list', text: texts.p1 ?? '' }
			]
		}
	]
});

const english = new Map([
	['title', 'Falls'],
	['sections.0.heading', 'Call'],
	['sections.0.blocks.0.text', 'Press the bell.'],
	['sections.0.blocks.1.text', 'Socks\nShoes'],
	['contact', 'Ward 7']
]);

describe('translation progress', () => {
	it('names the fields as textFields does', () => {
		expect(draftTextFields(leaflet()).map((f) => f.path)).toEqual([...english.keys()]);
	});

	it('counts the fields the source has text in, and those translated', () => {
		expect(translationProgress(leaflet({ title: 'السقوط', heading: 'اتصل' }), english)).toEqual({
			done: 2,
			total: 5
		});
	});

	it('does not count a field empty in the source, nor whitespace as a translation', () => {
		const source = new Map([...english, ['contact', '  ']]);
		expect(translationProgress(leaflet({ title: ' ', contact: 'x' }), source)).toEqual({
			done: 0,
			total: 4
		});
	});

	it('without a source, counts the fields the format requires', () => {
		// title, heading and two blocks; contact is optional.
		expect(translationProgress(leaflet({ title: 'a' }), null)).toEqual({ done: 1, total: 4 });
		expect(translationProgress(emptyDraft('video'), null)).toEqual({ done: 0, total: 1 });
	});
});

describe('keeping a translation part-done', () => {
	const required = { field: 'title', message: 'errors.required' } as const;
	const tooLong = { field: 'title', message: 'errors.tooLong', values: { max: 120 } } as const;

	it('keeps a translation whose only problems are empty fields', () => {
		expect(mayKeepPartial('ar', [required])).toBe(true);
	});

	it('never keeps the source language part-done', () => {
		expect(mayKeepPartial('en', [required])).toBe(false);
	});

	it('refuses a translation with any other problem', () => {
		expect(mayKeepPartial('ar', [required, tooLong])).toBe(false);
		expect(mayKeepPartial('ar', [{ field: 'videoFile', message: 'errors.wrongType' }])).toBe(false);
	});
});

describe('stale translations', () => {
	it('flags a field whose source changed since it was translated, with the word diff', () => {
		const now = new Map([['title', 'Call us, do not fall']]);
		expect(
			staleFields(now, [{ path: 'title', sourceText: 'Call, do not fall', reason: null }])
		).toEqual([
			{
				path: 'title',
				before: 'Call, do not fall',
				after: 'Call us, do not fall',
				pieces: [
					{ kind: 'same', text: 'Call' },
					{ kind: 'added', text: 'us' },
					{ kind: 'same', text: ', do not fall' }
				]
			}
		]);
	});

	it('leaves the diff out when only the count is wanted', () => {
		const now = new Map([['title', 'Falls on the ward']]);
		const recorded = [{ path: 'title', sourceText: 'Falls', reason: null }];
		expect(staleFields(now, recorded, { diff: false })).toEqual([
			{ path: 'title', before: 'Falls', after: 'Falls on the ward', pieces: [] }
		]);
	});

	it('does not flag an unchanged field, nor one changed only in the spaces at its ends', () => {
		const now = new Map([['title', ' Falls ']]);
		expect(staleFields(now, [{ path: 'title', sourceText: 'Falls', reason: null }])).toEqual([]);
	});

	it('flags a field whose source was removed, as changed to nothing', () => {
		const [field] = staleFields(new Map(), [
			{ path: 'contact', sourceText: 'Ward 7', reason: null }
		]);
		expect(field?.pieces).toEqual([{ kind: 'removed', text: 'Ward 7' }]);
	});
});

describe('word diff', () => {
	it('reads a replaced word as one removed and one added', () => {
		expect(wordDiff('Take one tablet', 'Take two tablets')).toEqual([
			{ kind: 'same', text: 'Take' },
			{ kind: 'removed', text: 'one tablet' },
			{ kind: 'added', text: 'two tablets' }
		]);
	});

	it('is empty for two empty texts', () => {
		expect(wordDiff('', '')).toEqual([]);
	});
});

describe('a reason form', () => {
	const form = {
		revision: '3',
		format: 'leaflet',
		language: 'ar',
		path: 'sections.0.blocks.1.text',
		reason: ' Only the spelling changed '
	};

	it('takes a field path, trimmed reason and revision', () => {
		expect(TranslationReasonForm.parse(form)).toEqual({
			...form,
			revision: 3,
			reason: 'Only the spelling changed'
		});
	});

	it('refuses an empty or overlong reason, a path that is no field, and unknown keys', () => {
		expect(TranslationReasonForm.safeParse({ ...form, reason: '  ' }).success).toBe(false);
		expect(TranslationReasonForm.safeParse({ ...form, reason: 'x'.repeat(501) }).success).toBe(
			false
		);
		expect(TranslationReasonForm.safeParse({ ...form, path: '__proto__.x' }).success).toBe(false);
		expect(TranslationReasonForm.safeParse({ ...form, patient: 'x' }).success).toBe(false);
	});
});
