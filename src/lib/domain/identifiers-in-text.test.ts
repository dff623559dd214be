import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, maskIdentifiers } from './identifiers-in-text';

describe('isValidNhsNumber', () => {
	it('checks the modulus 11 check digit', () => {
		expect(isValidNhsNumber('9434765919')).toBe(true); // the NHS's published test number
		expect(isValidNhsNumber('9434765918')).toBe(false);
		expect(isValidNhsNumber('4010232137')).toBe(true);
		expect(isValidNhsNumber('943476591')).toBe(false);
		// A remainder giving a check digit of 10 makes no NHS number.
		expect(isValidNhsNumber('1000000010')).toBe(false);
	});
});

describe('maskIdentifiers', () => {
	it.each([
		[
			'My NHS number is 943 476 5919, please call me',
			'My NHS number is [NHS number removed], please call me',
			['nhsNumber']
		],
		['nhs no. 943-476-5919.', 'nhs no. [NHS number removed].', ['nhsNumber']],
		['9434765919', '[NHS number removed]', ['nhsNumber']],
		[
			'ring 07700 900123 or +44 7700 900123',
			'ring [phone number removed] or [phone number removed]',
			['phone']
		],
		['(020) 7946 0958', '[phone number removed]', ['phone']],
		[
			'my daughter: jo.bloggs+ward@example.co.uk',
			'my daughter: [email address removed]',
			['email']
		],
		[
			'I live at SW1A 1AA and she at ls1 4ap.',
			'I live at [postcode removed] and she at [postcode removed].',
			['postcode']
		],
		[
			'hospital number K1234567 and 1234567',
			'hospital number K1234567 and [number removed]',
			['number']
		],
		['born 01/01/1990', 'born 01/01/1990', []],
		['born 010190', 'born [number removed]', ['number']]
	])('masks %j', (text, masked, found) => {
		expect(maskIdentifiers(text)).toEqual({ text: masked, found });
	});

	it.each([
		'Ward 7 was lovely, I waited 45 minutes at 10:30 and again 10.30-11.00.',
		'The video was 2 out of 10; in 2026 I will come back. Room 12, bed 3.',
		'£1,250 parking over 3 weeks is too much!',
		'شكرا جزيلا للممرضات في الجناح 7',
		''
	])('leaves %j alone', (text) => {
		expect(maskIdentifiers(text)).toEqual({ text, found: [] });
	});

	it('masks numbers only a space apart as one', () => {
		expect(maskIdentifiers('07700900123 9434765919')).toEqual({
			text: '[number removed]',
			found: ['number']
		});
	});

	it('names each kind found once, in a fixed order', () => {
		expect(maskIdentifiers('a@b.uk, 07700900123, 9434765919 and x@y.com').found).toEqual([
			'nhsNumber',
			'phone',
			'email'
		]);
	});
});
