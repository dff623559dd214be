import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BriefingFormat } from '$lib/domain/format';
import { SignInForm } from '$lib/domain/staff';
import { AddStaffForm } from '$lib/domain/administration';
import { formValues, parseForm } from './parse-form';

function form(entries: Array<[string, string | Blob]>): FormData {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
}

describe('parseForm', () => {
	it('gives the parsed data of a valid form', () => {
		expect(
			parseForm(
				SignInForm,
				form([
					['email', 'lead@demo.example'],
					['password', 'secret']
				])
			)
		).toEqual({ ok: true, data: { email: 'lead@demo.example', password: 'secret' } });
	});

	it('gives one error per field, in the order of the fields', () => {
		expect(parseForm(SignInForm, form([]))).toEqual({
			ok: false,
			errors: [
				{ field: 'email', message: 'signIn.errors.email' },
				{ field: 'password', message: 'signIn.errors.passwordMissing' }
			]
		});
	});

	it('lists the errors in the order the page shows the fields, not the schema’s', () => {
		// The page asks for the name before the email; the schema has email first.
		const posted = form([
			['displayName', ''],
			['email', 'not an address'],
			['role', 'wardStaff'],
			['wardId', '']
		]);
		const result = parseForm(AddStaffForm, posted);
		expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([
			'displayName',
			'email',
			'wardId'
		]);
		// A field not sent at all (no radio chosen) keeps its place after the one before it.
		const schema = z.strictObject({
			a: z.string().min(1),
			choice: z.enum(['x']),
			b: z.string().min(1)
		});
		const missing = parseForm(
			schema,
			form([
				['b', ''],
				['a', '']
			])
		);
		expect(missing.ok ? [] : missing.errors.map((e) => e.field)).toEqual(['b', 'a', 'choice']);
	});

	it("keeps only a field's first error", () => {
		const schema = z.object({
			code: z.string().min(6, 'tooShort').regex(/^\d+$/, 'digitsOnly'),
			name: z.string().min(1, 'nameMissing')
		});
		expect(
			parseForm(
				schema,
				form([
					['code', 'ab'],
					['name', '']
				])
			)
		).toEqual({
			ok: false,
			errors: [
				{ field: 'code', message: 'tooShort' },
				{ field: 'name', message: 'nameMissing' }
			]
		});
	});

	it('names nested fields with dots and errors on the whole form as "form"', () => {
		const nested = z.object({ formats: z.array(z.enum(['video', 'leaflet'])) });
		const result = parseForm(
			nested,
			form([
				['formats', 'video'],
				['formats', 'podcast']
			])
		);
		expect(result).toEqual({
			ok: false,
			errors: [{ field: 'formats.1', message: expect.any(String) }]
		});

		const whole = z
			.object({ a: z.string(), b: z.string() })
			.refine((v) => v.a === v.b, 'mustMatch');
		expect(
			parseForm(
				whole,
				form([
					['a', 'x'],
					['b', 'y']
				])
			)
		).toEqual({
			ok: false,
			errors: [{ field: 'form', message: 'mustMatch' }]
		});
	});

	it('turns a repeated field into an array, in form order', () => {
		const schema = z.strictObject({ preferredFormats: z.array(BriefingFormat) });
		expect(
			parseForm(
				schema,
				form([
					['preferredFormats', 'faceToFace'],
					['preferredFormats', 'leaflet'],
					['preferredFormats', 'video']
				])
			)
		).toEqual({ ok: true, data: { preferredFormats: ['faceToFace', 'leaflet', 'video'] } });
	});

	it('gives an array field an array when only one value is sent', () => {
		// One ticked checkbox is still a list of formats.
		const schema = z.strictObject({ preferredFormats: z.array(BriefingFormat).min(1) });
		expect(parseForm(schema, form([['preferredFormats', 'video']]))).toEqual({
			ok: true,
			data: { preferredFormats: ['video'] }
		});
	});

	it('ignores files', () => {
		const schema = z.strictObject({ name: z.string() });
		expect(
			parseForm(
				schema,
				form([
					['name', 'Ward 7'],
					['upload', new Blob(['x'], { type: 'text/plain' })]
				])
			)
		).toEqual({ ok: true, data: { name: 'Ward 7' } });
	});
});

describe('formValues', () => {
	const Schema = z.strictObject({ name: z.string(), count: z.string() });

	it('keeps only the schema’s fields, as strings', () => {
		const values = formValues(
			Schema,
			form([
				['name', 'Ward 7'],
				['count', new Blob(['12'])],
				['__proto__', 'polluted'],
				['constructor', 'x'],
				['extra', 'y']
			])
		);
		expect(values).toEqual({ name: 'Ward 7' });
		expect(Object.keys(values)).toEqual(['name']);
		expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
	});

	it('parseForm ignores a field named __proto__ rather than failing', () => {
		const parsed = parseForm(
			z.strictObject({ name: z.string() }),
			form([
				['__proto__', 'x'],
				['name', 'a']
			])
		);
		expect(parsed).toEqual({ ok: true, data: { name: 'a' } });
	});
});
