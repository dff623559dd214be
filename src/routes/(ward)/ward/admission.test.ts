import { describe, expect, it } from 'vitest';
import type { WardContent } from '$lib/domain/ward-content';
import { Admission } from './admission.svelte';

const variant = (format: string, language: string) => ({ format, language });
const briefing = (id: string, variants: Array<{ format: string; language: string }>) => ({
	id,
	slug: id,
	topic: id,
	versionId: `${id}-v1`,
	versionNumber: 1,
	reviewBy: '2099-01-01',
	isExample: false,
	variants
});
const group = (id: string, briefingIds: string[], preferredFormats = ['leaflet']) => ({
	id,
	name: id,
	description: '',
	communicationNeeds: [],
	preferredFormats,
	usualLanguages: ['en'],
	ageBands: [],
	briefingIds
});
// Only what the admission reads; the variants' own content is not needed here.
const content = {
	fetchedAt: '2026-12-04T09:00:00.000Z',
	organisationName: 'Test',
	organisationSlug: 'test',
	timeZone: 'Europe/London',
	defaultLanguages: [],
	wards: [],
	groups: [
		group('english-leaflet', ['a']),
		group('english-two-formats', ['b']),
		group('three-languages', ['c']),
		group('video-first', ['a'], ['video', 'leaflet']),
		group('two-briefings', ['a', 'b']),
		// Its only briefing is not published: the ward has nothing to give it.
		group('nothing-yet', ['unpublished'])
	],
	briefings: [
		briefing('a', [variant('leaflet', 'en')]),
		briefing('b', [variant('leaflet', 'en'), variant('video', 'en')]),
		briefing('c', [variant('leaflet', 'en'), variant('leaflet', 'cy'), variant('leaflet', 'ar')])
	]
} as unknown as WardContent;
const groupOf = (id: string) => content.groups.find((g) => g.id === id)!;

describe('an admission asks only questions with more than one answer', () => {
	it('goes straight to the briefing when there is one language, one briefing and one format', () => {
		const admission = new Admission(() => content);
		admission.chooseGroup(groupOf('english-leaflet'));
		expect(admission.step).toBe('deliver');
		expect(admission.language).toBe('en');
		expect([admission.briefing?.id, admission.format]).toEqual(['a', 'leaflet']);
		// Back goes to the step last shown: the group.
		admission.back();
		expect(admission.step).toBe('group');
	});

	it('opens the first choice when it exists, the other formats a tap away on the deliver step', () => {
		const admission = new Admission(() => content);
		admission.chooseGroup(groupOf('english-two-formats'));
		expect([admission.step, admission.format]).toEqual(['deliver', 'leaflet']);
		expect(admission.formats).toEqual([
			{ format: 'leaflet', recommended: true },
			{ format: 'video', recommended: false }
		]);
		admission.patientToken = 'token-for-the-leaflet';
		admission.switchFormat('video');
		expect([admission.step, admission.format, admission.patientToken]).toEqual([
			'deliver',
			'video',
			null
		]);
		// A format the briefing does not have in this language is not switched to.
		admission.switchFormat('easyRead');
		expect(admission.format).toBe('video');
		admission.back();
		expect(admission.step).toBe('group');
	});

	it('asks which format when the first choice is missing in the language', () => {
		const admission = new Admission(() => content);
		admission.chooseGroup(groupOf('video-first'));
		expect(admission.step).toBe('recommend');
		expect(admission.choices[0]?.recommendation?.why).toBe('laterChoice');
	});

	it('asks which briefing when the group has several', () => {
		const admission = new Admission(() => content);
		admission.chooseGroup(groupOf('two-briefings'));
		expect(admission.step).toBe('recommend');
		expect(admission.choices.map((c) => c.briefing.id)).toEqual(['a', 'b']);
	});

	it('asks the language when the briefing exists in several', () => {
		const admission = new Admission(() => content);
		admission.chooseGroup(groupOf('three-languages'));
		expect(admission.step).toBe('language');
		admission.chooseLanguage('cy');
		expect([admission.step, admission.variantLanguage]).toEqual(['deliver', 'cy']);
		admission.back();
		expect(admission.step).toBe('language');
	});

	it('saves "delivered" in one tap with every other question not recorded', () => {
		const admission = new Admission(() => content);
		admission.chooseGroup(groupOf('english-leaflet'));
		expect(admission.deliveredOnly).toEqual({
			outcome: 'delivered',
			talkedThrough: null,
			interpreterUsed: null,
			carerPresent: null,
			teachBack: null,
			languageNeeded: null
		});
	});
});

describe('the groups offered', () => {
	it('are told apart when the ward has no published briefing for them', () => {
		const admission = new Admission(() => content);
		expect(admission.hasBriefings(groupOf('two-briefings'))).toBe(true);
		expect(admission.hasBriefings(groupOf('nothing-yet'))).toBe(false);
	});
});

describe('the language the patient needed', () => {
	it('is the one chosen when the briefing was given in another, but not for a BSL video given to a group that signs', () => {
		const admission = new Admission(() => content);
		admission.chooseGroup(groupOf('three-languages'));
		admission.chooseLanguage('cy');
		admission.start(admission.briefing ?? content.briefings[2]!, 'leaflet', 'en');
		expect(admission.languageNeeded).toBe('cy');

		const signing = new Admission(() => content);
		signing.group = { ...groupOf('three-languages'), communicationNeeds: ['bsl'] };
		signing.language = 'en';
		signing.start(content.briefings[2]!, 'video', 'bfi');
		expect(signing.languageNeeded).toBeNull();
	});
});

describe('the typed code beside the QR code', () => {
	it('says "offline" when the server cannot be reached, and asks again for the same token', async () => {
		const admission = new Admission(() => content);
		admission.chooseGroup(groupOf('english-leaflet'));
		const asked: string[] = [];
		await admission.showQrCode(async (request) => (asked.push(request.token), null));
		expect(admission.codeState).toBe('offline');
		await admission.showQrCode(async (request) => (asked.push(request.token), 'K7MXR4PQ'));
		expect([admission.codeState, admission.patientCode]).toEqual(['ready', 'K7MXR4PQ']);
		expect(asked).toHaveLength(2);
		expect(asked[0]).toBe(asked[1]);
		// Asked no more once there is a code.
		await admission.showQrCode(async () => 'ZZZZZZZZ');
		expect(admission.patientCode).toBe('K7MXR4PQ');
	});

	it('drops a code that arrives after the nurse moved on to another briefing', async () => {
		const admission = new Admission(() => content);
		admission.chooseGroup(groupOf('english-leaflet'));
		let answer: (code: string) => void = () => {};
		const pending = admission.showQrCode(() => new Promise((resolve) => (answer = resolve)));
		admission.reset();
		answer('K7MXR4PQ');
		await pending;
		expect(admission.patientCode).toBeNull();
	});
});

describe('the record an admission saves', () => {
	const answers = {
		outcome: 'delivered' as const,
		talkedThrough: null,
		interpreterUsed: null,
		carerPresent: null,
		teachBack: null,
		languageNeeded: null
	};

	it('is the same record when Save is pressed again before it is saved, and a new one after', () => {
		const admission = new Admission(() => content);
		admission.chooseGroup(groupOf('english-leaflet'));
		const first = admission.toRecord('ward', answers, new Date('2026-12-05T09:00:00Z'));
		const again = admission.toRecord(
			'ward',
			{ ...answers, outcome: 'partly' },
			new Date('2026-12-05T09:00:30Z')
		);
		expect(again.id).toBe(first.id);
		// Stamped when it is saved, so Undo's minute and the day are the save's.
		expect(again.recordedAt).toBe('2026-12-05T09:00:30.000Z');
		expect(again.outcome).toBe('partly');

		// Given up with Back, and another group chosen: another patient, another record.
		admission.back();
		admission.chooseGroup(groupOf('english-leaflet'));
		const other = admission.toRecord('ward', answers);
		expect(other.id).not.toBe(first.id);

		admission.saved(other.id);
		admission.reset();
		admission.chooseGroup(groupOf('english-leaflet'));
		expect(admission.toRecord('ward', answers).id).not.toBe(other.id);
	});
});
