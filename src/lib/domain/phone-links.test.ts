import { describe, expect, it } from 'vitest';
import { splitPhoneNumbers, type TextPart } from './phone-links';

const phones = (text: string) =>
	splitPhoneNumbers(text)
		.filter((p): p is Extract<TextPart, { kind: 'phone' }> => p.kind === 'phone')
		.map((p) => [p.text, p.tel]);

describe('splitPhoneNumbers', () => {
	it('finds UK numbers however they are grouped, and dials the digits', () => {
		expect(phones('PALS: 0300 000 0000, pals@northfield.example')).toEqual([
			['0300 000 0000', '03000000000']
		]);
		expect(phones('Ring (01632) 960000 or 07700-900-123.')).toEqual([
			['(01632) 960000', '01632960000'],
			['07700-900-123', '07700900123']
		]);
		expect(phones('From abroad: +44 20 7946 0000')).toEqual([
			['+44 20 7946 0000', '+442079460000']
		]);
		expect(phones('or +44 (0)20 7946 0000')).toEqual([['+44 (0)20 7946 0000', '+442079460000']]);
	});

	it('stops a number where the next words begin, even when they start with digits', () => {
		expect(phones('PALS 0300 000 0000 (24 hours), or 0300 000 0000 24 hours a day')).toEqual([
			['0300 000 0000', '03000000000'],
			['0300 000 0000', '03000000000']
		]);
		expect(phones('Ward 0300 000 0000 111')).toEqual([
			['0300 000 0000', '03000000000'],
			['111', '111']
		]);
	});

	it('finds 999 and NHS 111 standing alone', () => {
		expect(phones('If this happens after you go home, call 999 or NHS 111.')).toEqual([
			['999', '999'],
			['111', '111']
		]);
	});

	it('keeps the text around a number exactly, so nothing is lost or added', () => {
		const text = 'Call 0300 000 0000 now. Then 111!';
		const parts = splitPhoneNumbers(text);
		expect(parts.map((p) => p.text).join('')).toBe(text);
		expect(parts.map((p) => p.kind)).toEqual(['text', 'phone', 'text', 'phone', 'text']);
	});

	it.each([
		'On 2026-11-26 at 10:30',
		'Take 1.5 mg twice a day',
		'Room A111 or bed 9991',
		'0.999 of people',
		'Reference 0300123456789',
		'Ward 7, bay 3, 12 beds',
		'Between 0300 and 0400',
		'Costs £1,111 or 1,999'
	])('leaves %j alone', (text) => {
		expect(splitPhoneNumbers(text)).toEqual([{ kind: 'text', text }]);
	});

	it('never puts anything but digits and a leading + in the address', () => {
		const text =
			'0300 000 0000"><script>alert(1)</script> +44 (0)20 7946-0000 javascript:0300000000';
		for (const part of splitPhoneNumbers(text))
			if (part.kind === 'phone') expect(part.tel).toMatch(/^\+?\d+$/);
		expect(
			splitPhoneNumbers(text)
				.map((p) => p.text)
				.join('')
		).toBe(text);
	});

	it('keeps an empty text as one empty part', () => {
		expect(splitPhoneNumbers('')).toEqual([{ kind: 'text', text: '' }]);
	});
});
