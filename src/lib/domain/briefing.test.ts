import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { briefingFormats } from './format';
import {
	BriefingVersion,
	EasyReadVariant,
	FaceToFaceVariant,
	LeafletVariant,
	VideoVariant,
	canMoveTo,
	easyReadProblems,
	givenAs,
	isEditable,
	publishProblems,
	reviewState,
	variantsIn,
	versionStatuses,
	type BriefingVariant,
	type EasyReadRow,
	type VariantOf,
	type VersionStatus,
	shownStatus
} from './briefing';

const video: VariantOf<'video'> = {
	format: 'video',
	language: 'en',
	translationChecked: true,
	title: 'Your safety on our ward',
	sources: [
		{ kind: 'upload', path: '/media/demo/safety.mp4', mimeType: 'video/mp4' },
		{ kind: 'external', url: 'https://video.example.nhs.uk/safety' }
	],
	captions: [{ language: 'en', path: '/media/demo/safety.en.vtt' }],
	transcript: 'Your safety on our ward.',
	poster: '/media/demo/safety-poster.jpg',
	durationSeconds: 38
};

const leaflet: VariantOf<'leaflet'> = {
	format: 'leaflet',
	language: 'en',
	translationChecked: false,
	title: 'Your safety on our ward',
	sections: [
		{
			heading: "Call, don't fall",
			blocks: [
				{ kind: 'paragraph', text: 'Being in hospital can make you unsteady.' },
				{ kind: 'list', items: ['Use your call bell.', 'Wear shoes with a grip.'] }
			]
		}
	],
	contact: 'Ask any member of staff.'
};

const easyRead: VariantOf<'easyRead'> = {
	format: 'easyRead',
	language: 'en',
	translationChecked: false,
	title: 'Keeping safe on the ward',
	rows: [
		{ picture: { kind: 'symbol', id: 'bell' }, alt: 'A bell', sentence: 'Press the bell.' },
		{
			picture: { kind: 'upload', path: '/uploads/soap.png' },
			alt: 'A bar of soap',
			sentence: 'You can ask staff to clean their hands.'
		}
	]
};

const faceToFace: VariantOf<'faceToFace'> = {
	format: 'faceToFace',
	language: 'en',
	translationChecked: false,
	title: 'Admission talk',
	talkingPoints: ['Show the call bell.'],
	thingsToShow: ['Call bell'],
	teachBackQuestions: ['What will you do if you need to get up?'],
	minutes: 5,
	leaveBehind: ['leaflet', 'qrCode']
};

/** The paths of the issues a schema reports for a value, or null when it accepts it. */
function issuePaths(schema: z.ZodType, value: unknown): string[] | null {
	const result = schema.safeParse(value);
	return result.success ? null : result.error.issues.map((i) => i.path.join('.'));
}

const examples = [
	['video', VideoVariant, video],
	['leaflet', LeafletVariant, leaflet],
	['easyRead', EasyReadVariant, easyRead],
	['faceToFace', FaceToFaceVariant, faceToFace]
] as const;

describe('variant schemas', () => {
	it.each(examples)('accept a valid %s variant', (_format, schema, example) => {
		expect(schema.parse(example)).toEqual(example);
	});

	it.each(examples)('refuse an unknown key on a %s variant', (_format, schema, example) => {
		const result = schema.safeParse({ ...example, patientName: 'Jane Doe' });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]).toMatchObject({
			code: 'unrecognized_keys',
			keys: ['patientName']
		});
	});

	it.each(examples)(
		'refuse an empty or blank title on a %s variant',
		(_format, schema, example) => {
			expect(issuePaths(schema, { ...example, title: '' })).toEqual(['title']);
			expect(issuePaths(schema, { ...example, title: '   ' })).toEqual(['title']);
		}
	);

	it('defaults translationChecked to false', () => {
		const unmarked: Partial<typeof leaflet> = { ...leaflet };
		delete unmarked.translationChecked;
		expect(LeafletVariant.parse(unmarked).translationChecked).toBe(false);
	});

	it.each([
		'https://evil.example/x.mp4',
		'//evil.example/x.mp4',
		'/media/../secret',
		'/media/demo/../../secret.mp4',
		'javascript:alert(1)',
		'javascript:',
		'/etc/passwd',
		'media/demo/x.mp4',
		'/media/',
		'/media/x.mp4?from=https://evil.example'
	])('refuse the non-local media path %s', (path) => {
		expect(
			issuePaths(VideoVariant, {
				...video,
				sources: [{ kind: 'upload', path, mimeType: 'video/mp4' }]
			})
		).toEqual(['sources.0.path']);
		expect(issuePaths(VideoVariant, { ...video, poster: path })).toEqual(['poster']);
		expect(issuePaths(VideoVariant, { ...video, captions: [{ language: 'en', path }] })).toEqual([
			'captions.0.path'
		]);
		expect(
			issuePaths(EasyReadVariant, {
				...easyRead,
				rows: [{ picture: { kind: 'upload', path }, alt: 'A picture', sentence: 'Hello.' }]
			})
		).toEqual(['rows.0.picture.path']);
	});

	it('accepts media under /media, /symbols and /uploads', () => {
		for (const path of ['/media/a.mp4', '/symbols/bell.svg', '/uploads/2026/x-1_a.webm'])
			expect(
				VideoVariant.safeParse({
					...video,
					sources: [{ kind: 'upload', path, mimeType: 'video/mp4' }]
				}).success,
				path
			).toBe(true);
	});

	it.each(['http://video.example/x', 'javascript:alert(1)', 'ftp://video.example/x', 'not a url'])(
		'refuse the external video URL %s',
		(url) => {
			expect(issuePaths(VideoVariant, { ...video, sources: [{ kind: 'external', url }] })).toEqual([
				'sources.0.url'
			]);
		}
	);

	it('refuses an easy-read row without alt text', () => {
		const withoutAlt: Partial<EasyReadRow> = { ...easyRead.rows[0] };
		delete withoutAlt.alt;
		expect(issuePaths(EasyReadVariant, { ...easyRead, rows: [withoutAlt] })).toEqual([
			'rows.0.alt'
		]);
		expect(
			issuePaths(EasyReadVariant, { ...easyRead, rows: [{ ...easyRead.rows[0]!, alt: ' ' }] })
		).toEqual(['rows.0.alt']);
	});
});

const version: BriefingVersion = {
	id: '3f1c2b8e-5d4a-4c6b-9e7f-0a1b2c3d4e5f',
	briefingId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
	number: 1,
	status: 'draft',
	reviewBy: '2027-01-01',
	evidenceLinks: ['https://www.nice.org.uk/guidance/ng89'],
	userTestingNote: 'Tested with six patients on Ward 7.',
	approvedBy: null,
	isExample: false,
	variants: [video, leaflet, easyRead, faceToFace, { ...leaflet, language: 'cy' }]
};

describe('BriefingVersion', () => {
	it('accepts a version with one variant per format and language', () => {
		expect(BriefingVersion.parse(version)).toEqual(version);
	});

	it('refuses two variants of the same format and language', () => {
		const result = BriefingVersion.safeParse({
			...version,
			variants: [leaflet, { ...leaflet, title: 'Another title' }]
		});
		expect(result.success).toBe(false);
		expect(result.error?.issues).toEqual([
			expect.objectContaining({ path: ['variants'], message: 'duplicateVariant' })
		]);
	});
});

describe('canMoveTo', () => {
	const allowed: Array<[VersionStatus, VersionStatus]> = [
		['draft', 'inReview'],
		['inReview', 'approved'],
		['inReview', 'draft'],
		['approved', 'published'],
		// A lead withdraws the approval to change it before publishing.
		['approved', 'draft'],
		['published', 'retired']
	];

	it('allows exactly the lifecycle steps, and nothing out of retired', () => {
		for (const from of versionStatuses)
			for (const to of versionStatuses) {
				const expected = allowed.some(([f, t]) => f === from && t === to);
				expect(canMoveTo(from, to), `${from} → ${to}`).toBe(expected);
			}
	});

	it('refuses skipping a step', () => {
		expect(canMoveTo('draft', 'approved')).toBe(false);
		expect(canMoveTo('draft', 'published')).toBe(false);
		expect(canMoveTo('inReview', 'published')).toBe(false);
		expect(canMoveTo('approved', 'retired')).toBe(false);
	});

	it('has no way out of retired', () => {
		for (const to of versionStatuses) expect(canMoveTo('retired', to), to).toBe(false);
	});
});

describe('shownStatus', () => {
	it('shows a draft a reviewer sent back as Returned until it is resubmitted', () => {
		const at = '2026-12-01T10:00:00.000Z';
		expect(shownStatus({ status: 'draft', returnedAt: null })).toBe('draft');
		expect(shownStatus({ status: 'draft', returnedAt: at })).toBe('returned');
		expect(shownStatus({ status: 'inReview', returnedAt: at })).toBe('inReview');
		expect(shownStatus({ status: 'published', returnedAt: at })).toBe('published');
	});
});

describe('isEditable', () => {
	it('is true for a draft only', () => {
		expect(versionStatuses.filter(isEditable)).toEqual(['draft']);
	});
});

describe('reviewState', () => {
	const today = '2026-03-10';

	it('is overdue from the day after the review-by date', () => {
		expect(reviewState('2026-03-09', today)).toBe('overdue');
		expect(reviewState('2025-03-10', today)).toBe('overdue');
	});

	it('is due soon from the review-by date back to 60 days before it', () => {
		expect(reviewState('2026-03-10', today)).toBe('dueSoon');
		expect(reviewState('2026-05-09', today)).toBe('dueSoon'); // 60 days on
	});

	it('is in date from 61 days before', () => {
		expect(reviewState('2026-05-10', today)).toBe('inDate'); // 61 days on
		expect(reviewState('2029-03-10', today)).toBe('inDate');
	});
});

describe('publishProblems', () => {
	const today = '2026-03-10';
	const ready = { ...version, reviewBy: '2027-03-10' };

	it('finds nothing wrong with a complete version', () => {
		expect(publishProblems(ready, today)).toEqual([]);
	});

	it('needs evidence', () => {
		expect(publishProblems({ ...ready, evidenceLinks: [] }, today)).toEqual(['noEvidence']);
	});

	it('needs a user-testing note that is not blank', () => {
		expect(publishProblems({ ...ready, userTestingNote: '' }, today)).toEqual(['noUserTesting']);
		expect(publishProblems({ ...ready, userTestingNote: ' \n ' }, today)).toEqual([
			'noUserTesting'
		]);
	});

	it('refuses a review-by date in the past, but allows today', () => {
		expect(publishProblems({ ...ready, reviewBy: '2026-03-09' }, today)).toEqual(['reviewByPast']);
		expect(publishProblems({ ...ready, reviewBy: today }, today)).toEqual([]);
	});

	it('refuses a review-by date more than 3 years ahead, but allows exactly 3 years', () => {
		expect(publishProblems({ ...ready, reviewBy: '2029-03-10' }, today)).toEqual([]);
		expect(publishProblems({ ...ready, reviewBy: '2029-03-11' }, today)).toEqual([
			'reviewByTooFar'
		]);
	});

	it('needs at least one variant', () => {
		expect(publishProblems({ ...ready, variants: [] }, today)).toEqual(['noVariants']);
	});

	it('needs each video captioned in its own language', () => {
		const welshVideo: BriefingVariant = {
			...video,
			language: 'cy',
			captions: [{ language: 'en', path: '/media/demo/safety.en.vtt' }]
		};
		expect(publishProblems({ ...ready, variants: [video, welshVideo] }, today)).toEqual([
			{ missingCaptions: { language: 'cy' } }
		]);
		expect(publishProblems({ ...ready, variants: [{ ...video, captions: [] }] }, today)).toEqual([
			{ missingCaptions: { language: 'en' } }
		]);
	});

	it('needs a BSL video captioned in English', () => {
		const bsl = (language: 'en' | 'cy'): BriefingVariant => ({
			...video,
			language: 'bfi',
			captions: [{ language, path: `/media/demo/safety.${language}.vtt` }]
		});
		expect(publishProblems({ ...ready, variants: [bsl('en')] }, today)).toEqual([]);
		expect(publishProblems({ ...ready, variants: [bsl('cy')] }, today)).toEqual([
			{ missingCaptions: { language: 'bfi' } }
		]);
	});

	it('does not ask for captions on formats other than video', () => {
		expect(
			publishProblems({ ...ready, variants: [{ ...leaflet, language: 'ar' }, easyRead] }, today)
		).toEqual([]);
	});

	it('lists every problem at once', () => {
		expect(
			publishProblems(
				{ evidenceLinks: [], userTestingNote: '', reviewBy: '2020-01-01', variants: [] },
				today
			)
		).toEqual(['noEvidence', 'noUserTesting', 'reviewByPast', 'noVariants']);
	});
});

describe('easyReadProblems', () => {
	const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

	it('allows 15 words and refuses 16', () => {
		expect(easyReadProblems(`${words(15)}.`)).toEqual([]);
		expect(easyReadProblems(`${words(16)}.`)).toEqual(['tooManyWords']);
	});

	it('counts words across any white space', () => {
		expect(easyReadProblems(`  ${words(15).replace(/ /g, ' \t\n ')}  `)).toEqual([]);
	});

	it('accepts a single sentence ending with a full stop', () => {
		expect(easyReadProblems('Press the call bell if you need help to get up.')).toEqual([]);
		expect(easyReadProblems('Do you need help?')).toEqual([]);
		expect(easyReadProblems('ستبقى في قسمنا لبعض الوقت.')).toEqual([]);
	});

	it('flags two sentences', () => {
		expect(easyReadProblems('Press the bell. A nurse will come.')).toEqual(['moreThanOneSentence']);
		expect(easyReadProblems('Stop! Wait for help.')).toEqual(['moreThanOneSentence']);
		expect(easyReadProblems('Need help? Press the bell.')).toEqual(['moreThanOneSentence']);
	});

	it('flags an Arabic question mark followed by more text', () => {
		expect(easyReadProblems('هل تحتاج إلى مساعدة؟ اضغط الجرس.')).toEqual(['moreThanOneSentence']);
		expect(easyReadProblems('هل تحتاج إلى مساعدة؟')).toEqual([]);
	});

	it('flags an Urdu full stop followed by more text', () => {
		expect(easyReadProblems('گھنٹی دبائیں۔ نرس آئے گی۔')).toEqual(['moreThanOneSentence']);
	});

	it('reports both problems together', () => {
		expect(easyReadProblems(`${words(10)}. ${words(10)}.`)).toEqual([
			'tooManyWords',
			'moreThanOneSentence'
		]);
	});
});

describe('variantsIn', () => {
	it('keys the variants of one language by format', () => {
		const welshLeaflet: VariantOf<'leaflet'> = { ...leaflet, language: 'cy' };
		const found = variantsIn([video, welshLeaflet, easyRead, faceToFace, leaflet], 'en');
		expect(found).toEqual({ video, leaflet, easyRead, faceToFace });
		expect(variantsIn([video, welshLeaflet, easyRead], 'cy')).toEqual({ leaflet: welshLeaflet });
	});

	it('is empty for a language with no variants', () => {
		expect(variantsIn([video, leaflet], 'ar')).toEqual({});
		expect(variantsIn([], 'en')).toEqual({});
	});
});

describe('givenAs', () => {
	it('gives British Sign Language only as a video, every other language in every format', () => {
		for (const format of briefingFormats) {
			expect(givenAs(format, 'bfi')).toBe(format === 'video');
			expect(givenAs(format, 'cy')).toBe(true);
		}
	});
});
