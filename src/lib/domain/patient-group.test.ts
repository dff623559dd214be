import { describe, expect, it } from 'vitest';
import { PatientGroup, PatientGroupInput } from './patient-group';

const minimal = { name: 'Going home', preferredFormats: ['leaflet'], usualLanguages: ['en'] };

function issues(value: unknown) {
	const result = PatientGroupInput.safeParse(value);
	return result.success
		? []
		: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('PatientGroupInput', () => {
	it('defaults the description, communication needs and age bands', () => {
		expect(PatientGroupInput.parse(minimal)).toEqual({
			...minimal,
			description: '',
			communicationNeeds: [],
			ageBands: []
		});
	});

	it('refuses an unknown or repeated age band', () => {
		expect(PatientGroupInput.safeParse({ ...minimal, ageBands: ['baby'] }).success).toBe(false);
		expect(PatientGroupInput.safeParse({ ...minimal, ageBands: ['child', 'child'] }).success).toBe(
			false
		);
	});

	it('trims the name and description', () => {
		const parsed = PatientGroupInput.parse({
			...minimal,
			name: '  Going home ',
			description: ' x '
		});
		expect(parsed.name).toBe('Going home');
		expect(parsed.description).toBe('x');
	});

	it('keeps the preferred formats in their order', () => {
		expect(
			PatientGroupInput.parse({ ...minimal, preferredFormats: ['faceToFace', 'easyRead', 'video'] })
				.preferredFormats
		).toEqual(['faceToFace', 'easyRead', 'video']);
	});

	it('refuses a blank name', () => {
		expect(issues({ ...minimal, name: '  ' }).map((i) => i.path)).toEqual(['name']);
	});

	it('refuses a format, language or need given twice', () => {
		expect(issues({ ...minimal, preferredFormats: ['video', 'leaflet', 'video'] })).toEqual([
			{ path: 'preferredFormats', message: 'repeated' }
		]);
		expect(issues({ ...minimal, usualLanguages: ['en', 'cy', 'en'] })).toEqual([
			{ path: 'usualLanguages', message: 'repeated' }
		]);
		expect(issues({ ...minimal, communicationNeeds: ['bsl', 'bsl'] })).toEqual([
			{ path: 'communicationNeeds', message: 'repeated' }
		]);
	});

	it('needs at least one preferred format and one usual language', () => {
		expect(issues({ ...minimal, preferredFormats: [] }).map((i) => i.path)).toEqual([
			'preferredFormats'
		]);
		expect(issues({ ...minimal, usualLanguages: [] }).map((i) => i.path)).toEqual([
			'usualLanguages'
		]);
		const noFormats: Partial<typeof minimal> = { ...minimal };
		delete noFormats.preferredFormats;
		expect(issues(noFormats).map((i) => i.path)).toEqual(['preferredFormats']);
	});

	it('refuses unknown formats, languages and needs', () => {
		expect(issues({ ...minimal, preferredFormats: ['podcast'] }).map((i) => i.path)).toEqual([
			'preferredFormats.0'
		]);
		expect(issues({ ...minimal, usualLanguages: ['fr'] }).map((i) => i.path)).toEqual([
			'usualLanguages.0'
		]);
		expect(issues({ ...minimal, communicationNeeds: ['telepathy'] }).map((i) => i.path)).toEqual([
			'communicationNeeds.0'
		]);
	});
});

describe('PatientGroup', () => {
	it('adds the id, organisation and archived flag to the input', () => {
		const group = {
			...PatientGroupInput.parse(minimal),
			id: '0b3a6a52-8c1e-4f2d-9a37-5e6f7a8b9c0d',
			organisationId: '5a8fbfa7-d16d-4e7c-8f8c-0d1e2f3a4b5c',
			archived: false
		};
		expect(PatientGroup.parse(group)).toEqual(group);
		expect(PatientGroup.safeParse({ ...group, archived: 'no' }).success).toBe(false);
	});
});
