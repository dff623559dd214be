import { describe, expect, it } from 'vitest';
import type { BriefingVariant } from './briefing';
import {
	applyIntent,
	draftFromVariant,
	draftToVariant,
	isStillWrong,
	emptyDraft,
	fieldLabel,
	readDraft,
	translationStart,
	type DraftOf
} from './variant-draft';

const leaflet: BriefingVariant = {
	format: 'leaflet',
	language: 'en',
	translationChecked: false,
	title: 'Falls',
	sections: [
		{
			heading: 'Call',
			blocks: [
				{ kind: 'paragraph', text: 'Press the bell.' },
				{ kind: 'list', items: ['Dizzy', 'Faint'] }
			]
		}
	],
	contact: 'Ward 7'
};

/** A draft as the browser would post it: every field by name. */
function posted(fields: Record<string, string | string[]>) {
	return (name: string) => {
		const v = fields[name];
		return v === undefined ? [] : Array.isArray(v) ? v : [v];
	};
}

describe('variant drafts', () => {
	it('round-trips a variant through its draft, a list as one line an item', () => {
		const draft = draftFromVariant(leaflet) as DraftOf<'leaflet'>;
		expect(draft.sections[0]?.blocks[1]).toEqual({ kind: 'list', text: 'Dizzy\nFaint' });
		expect(draftToVariant(draft, 'en')).toEqual({ ok: true, variant: leaflet });
	});

	it('reads a posted form by its field names', () => {
		const draft = readDraft(
			'leaflet',
			posted({
				title: 'Falls',
				'sections.count': '1',
				'sections.0.heading': 'Call',
				'sections.0.blocks.count': '2',
				'sections.0.blocks.0.kind': 'paragraph',
				'sections.0.blocks.0.text': 'Press the bell.',
				'sections.0.blocks.1.kind': 'list',
				'sections.0.blocks.1.text': ' Dizzy \n\nFaint',
				contact: 'Ward 7'
			})
		);
		expect(draftToVariant(draft, 'en')).toEqual({ ok: true, variant: leaflet });
	});

	it('reads an easy-read row’s picture from its one choice: a symbol, or the upload', () => {
		const upload = `/uploads/${'a'.repeat(64)}.png`;
		const draft = readDraft(
			'easyRead',
			posted({
				title: 'Help',
				'rows.count': '3',
				'rows.0.symbol': 'bell',
				'rows.0.upload': upload,
				'rows.1.symbol': '',
				'rows.1.upload': upload,
				'rows.2.symbol': '',
				'rows.2.upload': ''
			})
		) as DraftOf<'easyRead'>;
		expect(draft.rows.map((r) => r.pictureKind)).toEqual(['symbol', 'upload', 'symbol']);
		const result = draftToVariant(draft, 'en');
		expect(result.ok ? [] : result.errors.map((e) => e.field)).toContain('rows.2.symbol');
	});

	it('names each problem by its form field', () => {
		const draft = draftFromVariant(leaflet) as DraftOf<'leaflet'>;
		const broken: DraftOf<'leaflet'> = {
			...draft,
			title: ' ',
			sections: [{ heading: 'Call', blocks: [{ kind: 'list', text: '\n' }] }]
		};
		expect(draftToVariant(broken, 'en')).toEqual({
			ok: false,
			errors: [
				{ field: 'title', message: 'errors.required' },
				{ field: 'sections.0.blocks.0.text', message: 'errors.required' }
			]
		});
		const video = { ...emptyDraft('video'), title: 'Video', durationSeconds: 'ten' };
		const result = draftToVariant(video, 'en');
		expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([
			'videoFile',
			'durationSeconds'
		]);
	});

	it('names the limit a too-long field or too-long list breaks', () => {
		const draft = draftFromVariant(leaflet) as DraftOf<'leaflet'>;
		const long: DraftOf<'leaflet'> = {
			...draft,
			title: 'x'.repeat(121),
			sections: [{ heading: 'Call', blocks: [{ kind: 'list', text: 'item\n'.repeat(31) }] }]
		};
		expect(draftToVariant(long, 'en')).toEqual({
			ok: false,
			errors: [
				{ field: 'title', message: 'errors.tooLong', values: { max: 120 } },
				{ field: 'sections.0.blocks.0.text', message: 'errors.tooMany', values: { max: 30 } }
			]
		});
	});

	it("says what is wrong with a number, naming the schema's own bounds", () => {
		const talk = {
			...(emptyDraft('faceToFace') as DraftOf<'faceToFace'>),
			title: 'Talk',
			talkingPoints: 'Point'
		};
		const minutes = (typed: string) => {
			const result = draftToVariant({ ...talk, minutes: typed }, 'en');
			return result.ok ? [] : result.errors.filter((e) => e.field === 'minutes');
		};
		const whole = [{ field: 'minutes', message: 'errors.wholeNumber' }];
		expect(minutes('abc')).toEqual(whole);
		expect(minutes('2.5')).toEqual(whole);
		expect(minutes('-3')).toEqual([
			{ field: 'minutes', message: 'errors.numberTooSmall', values: { min: 1 } }
		]);
		expect(minutes('9999')).toEqual([
			{ field: 'minutes', message: 'errors.numberTooLarge', values: { max: 60 } }
		]);
		expect(minutes('')).toEqual([{ field: 'minutes', message: 'errors.required' }]);
		expect(minutes('12')).toEqual([]);

		// A video's length: positive() is 1 or more; a recording's length the same.
		const video = (typed: string) => {
			const draft = { ...(emptyDraft('video') as DraftOf<'video'>), durationSeconds: typed };
			const result = draftToVariant(draft, 'en');
			return result.ok ? [] : result.errors.filter((e) => e.field === 'durationSeconds');
		};
		expect(video('abc')).toEqual([{ field: 'durationSeconds', message: 'errors.wholeNumber' }]);
		expect(video('-5')).toEqual([
			{ field: 'durationSeconds', message: 'errors.numberTooSmall', values: { min: 1 } }
		]);
		expect(video('4000')).toEqual([
			{ field: 'durationSeconds', message: 'errors.numberTooLarge', values: { max: 3600 } }
		]);
		const recorded = {
			...talk,
			minutes: '5',
			audioPath: `/uploads/${'a'.repeat(64)}.opus`,
			audioMime: 'audio/ogg',
			audioDurationSeconds: '0'
		};
		expect(draftToVariant(recorded, 'en')).toEqual({
			ok: false,
			errors: [
				{ field: 'audioDurationSeconds', message: 'errors.numberTooSmall', values: { min: 1 } }
			]
		});
	});

	it('keeps a typed problem until it is fixed, and a file’s or the form’s own until the next save', () => {
		const wrongNow = new Set(['sections.0.heading']);
		expect(isStillWrong({ field: 'title', message: 'errors.required' }, wrongNow)).toBe(false);
		expect(
			isStillWrong({ field: 'sections.0.heading', message: 'errors.required' }, wrongNow)
		).toBe(true);
		expect(isStillWrong({ field: 'videoFile', message: 'errors.tooBig' }, wrongNow)).toBe(true);
		expect(isStillWrong({ field: 'form', message: 'errors.stale' }, wrongNow)).toBe(true);
	});

	it('adds, moves and removes rows the same way in the page and on the server', () => {
		let draft = emptyDraft('easyRead') as DraftOf<'easyRead'>;
		draft = applyIntent(draft, 'addRow') as DraftOf<'easyRead'>;
		draft.rows[1] = { ...draft.rows[1]!, sentence: 'second' };
		draft = applyIntent(draft, 'moveRowUp:1') as DraftOf<'easyRead'>;
		expect(draft.rows.map((r) => r.sentence)).toEqual(['second', '']);
		draft = applyIntent(draft, 'removeRow:1') as DraftOf<'easyRead'>;
		expect(draft.rows).toHaveLength(1);
		// Out of range: nothing moves.
		expect(applyIntent(draft, 'moveRowUp:0')).toEqual(draft);
	});

	it('starts a translation with the English shape and no English words', () => {
		const start = translationStart(draftFromVariant(leaflet)) as DraftOf<'leaflet'>;
		expect(start.title).toBe('');
		expect(start.sections[0]?.blocks.map((b) => b) ?? []).toEqual([
			{ kind: 'paragraph', text: '' },
			{ kind: 'list', text: '' }
		]);
		expect(draftToVariant(start, 'cy').ok).toBe(false);
	});

	it('names numbered fields for people', () => {
		expect(fieldLabel('sections.1.blocks.0.text')).toEqual({
			label: 'fields.block',
			values: { section: 2, block: 1 }
		});
		expect(fieldLabel('rows.2.alt')).toEqual({ label: 'fields.row.alt', values: { row: 3 } });
		expect(fieldLabel('title')).toEqual({ label: 'fields.title', values: {} });
	});
});

describe('a recording in a draft', () => {
	const audio = {
		path: `/uploads/${'a'.repeat(64)}.opus`,
		mimeType: 'audio/ogg' as const,
		durationSeconds: 125
	};
	const withAudio: BriefingVariant = { ...leaflet, audio };

	it('round-trips through the draft and the posted form', () => {
		const draft = draftFromVariant(withAudio);
		expect(draft).toMatchObject({
			audioPath: audio.path,
			audioMime: 'audio/ogg',
			audioDurationSeconds: '125'
		});
		expect(draftToVariant(draft, 'en')).toEqual({ ok: true, variant: withAudio });
		const fields: Record<string, string> = {
			audioPath: audio.path,
			audioMime: 'audio/ogg',
			audioDurationSeconds: '125'
		};
		const read = readDraft('faceToFace', (name) => (fields[name] ? [fields[name]] : []));
		expect(read).toMatchObject({ audioPath: audio.path, audioDurationSeconds: '125' });
	});

	it('needs its length, named by the field; a length with no file is no recording', () => {
		const draft = { ...draftFromVariant(withAudio), audioDurationSeconds: '' };
		expect(draftToVariant(draft, 'en')).toEqual({
			ok: false,
			errors: [{ field: 'audioDurationSeconds', message: 'errors.required' }]
		});
		const lengthOnly = { ...draftFromVariant(leaflet), audioDurationSeconds: '30' };
		const checked = draftToVariant(lengthOnly, 'en');
		expect(checked.ok && 'audio' in checked.variant).toBe(false);
	});

	it('refuses a type that is not audio, and a recording on a video', () => {
		const draft = { ...draftFromVariant(withAudio), audioMime: 'video/mp4' };
		expect(draftToVariant(draft, 'en')).toMatchObject({
			ok: false,
			errors: [{ field: 'audioFile' }]
		});
	});

	it('is removed by its intent, and a translation starts without it', () => {
		const draft = draftFromVariant(withAudio);
		expect(applyIntent(draft, 'removeAudio')).toMatchObject({ audioPath: '', audioMime: '' });
		expect(translationStart(draft)).toMatchObject({ audioPath: '', audioDurationSeconds: '' });
		expect(fieldLabel('audioFile')).toEqual({ label: 'audio.fields.audioFile', values: {} });
	});
});
