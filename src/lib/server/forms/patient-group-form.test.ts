import { describe, expect, it } from 'vitest';
import { parseGroupForm } from './patient-group-form';

function form(entries: Array<[string, string]>): FormData {
	const data = new FormData();
	for (const [k, v] of entries) data.append(k, v);
	return data;
}

describe('the patient-group form', () => {
	it('orders preferred formats by their rank and keeps every ticked box', () => {
		const result = parseGroupForm(
			form([
				['name', ' Stroke unit '],
				['rank-video', ''],
				['rank-leaflet', '2'],
				['rank-easyRead', '1'],
				['rank-faceToFace', '3'],
				['usualLanguages', 'en'],
				['usualLanguages', 'ar'],
				['communicationNeeds', 'easyRead']
			])
		);
		expect(result).toEqual({
			ok: true,
			input: {
				name: 'Stroke unit',
				description: '',
				communicationNeeds: ['easyRead'],
				preferredFormats: ['easyRead', 'leaflet', 'faceToFace'],
				usualLanguages: ['en', 'ar'],
				ageBands: []
			}
		});
	});

	it('names every field at fault and gives back what was typed', () => {
		const result = parseGroupForm(
			form([
				['name', ''],
				['description', 'Kept as typed'],
				['rank-video', '1'],
				['rank-leaflet', '1'],
				['usualLanguages', 'xx']
			])
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((e) => e.field)).toEqual([
			'name',
			'preferredFormats',
			'usualLanguages'
		]);
		expect(result.values.description).toBe('Kept as typed');
		expect(result.values.ranks).toMatchObject({ video: '1', leaflet: '1' });
	});

	it('refuses a field the form does not have, such as a patient identifier', () => {
		const result = parseGroupForm(
			form([
				['name', 'A'],
				['rank-video', '1'],
				['usualLanguages', 'en'],
				['nhsNumber', '943 476 5919']
			])
		);
		expect(result).toMatchObject({ ok: false, errors: [{ message: 'groups.errors.form' }] });
	});

	it('refuses a rank that is not one of the places', () => {
		const result = parseGroupForm(
			form([
				['name', 'A'],
				['rank-video', '9'],
				['usualLanguages', 'en']
			])
		);
		expect(result).toMatchObject({ ok: false, errors: [{ field: 'preferredFormats' }] });
	});
});
