import { describe, expect, it } from 'vitest';
import {
	AddStaffForm,
	RetentionConfirmation,
	retentionConfirmation,
	RetentionForm,
	shortenedKinds,
	setPasswordForm,
	wardIdsByNameOrCode,
	WardForm,
	weakPassword
} from './administration';

describe('weakPassword', () => {
	it.each([
		['short one', 'tooShort'],
		['nurse.jones@trust.nhs.uk', 'isEmail'],
		['I am nurse.jones and more', 'isEmail'],
		['aaaaaaaaaaaaaaaa', 'repeated'],
		['abababababababab', 'repeated'],
		['Password1234', 'common'],
		['qwerty123456!', 'common'],
		['x'.repeat(201), 'tooLong']
	])('refuses %s as %s', (password, reason) => {
		expect(weakPassword(password, 'nurse.jones@trust.nhs.uk')).toBe(reason);
	});

	it('takes a few words of twelve or more characters', () => {
		expect(weakPassword('copper kettle rain', 'nurse.jones@trust.nhs.uk')).toBeNull();
	});
});

describe('setPasswordForm', () => {
	const schema = setPasswordForm('a.person@trust.nhs.uk');
	it('names the confirmation when the two differ', () => {
		const parsed = schema.safeParse({ password: 'copper kettle rain', confirm: 'copper kettle' });
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues[0]).toMatchObject({
			path: ['confirm'],
			message: 'administration.errors.confirmDiffers'
		});
	});
	it('says why a weak password is refused', () => {
		const parsed = schema.safeParse({ password: 'short', confirm: 'short' });
		expect(parsed.error?.issues[0]?.message).toBe('administration.errors.password.tooShort');
	});
});

describe('AddStaffForm', () => {
	const ward = '0190a3b4-0000-7000-8000-000000000001';
	it('needs a ward for ward staff, and drops one given to another role', () => {
		expect(
			AddStaffForm.safeParse({ email: 'a@b.nhs.uk', displayName: 'A', role: 'wardStaff' }).error
				?.issues[0]?.path
		).toEqual(['wardId']);
		expect(
			AddStaffForm.parse({
				email: ' A@B.nhs.uk ',
				displayName: 'A',
				role: 'engagementLead',
				wardId: ward
			})
		).toEqual({ email: 'a@b.nhs.uk', displayName: 'A', role: 'engagementLead', wardId: null });
	});
	it('never gives the platform admin role', () => {
		expect(
			AddStaffForm.safeParse({ email: 'a@b.nhs.uk', displayName: 'A', role: 'platformAdmin' })
				.success
		).toBe(false);
	});
});

describe('wards', () => {
	it('keeps PAS codes in upper case and refuses other characters', () => {
		expect(WardForm.parse({ name: 'Ward 7', code: 'w7a' }).code).toBe('W7A');
		expect(WardForm.parse({ name: 'Ward 7', code: '' }).code).toBeNull();
		expect(WardForm.safeParse({ name: 'Ward 7', code: 'W 7;' }).success).toBe(false);
	});
	it('finds a ward by its name or its code', () => {
		const map = wardIdsByNameOrCode([
			{ id: '1', name: 'Ward 7', code: 'W7A' },
			{ id: '2', name: 'W7A', code: null }
		]);
		expect(map.get('ward 7')).toBe('1');
		expect(map.get('w7a')).toBe('1');
	});
});

describe('RetentionForm', () => {
	it('takes whole years from 1 to 30, naming the field otherwise', () => {
		expect(RetentionForm.parse({ records: '5', feedback: '1', audit: '30' })).toEqual({
			records: 5,
			feedback: 1,
			audit: 30
		});
		for (const bad of ['', '0', '31', '2.5', 'five', '-1']) {
			const result = RetentionForm.safeParse({ records: bad, feedback: '5', audit: '6' });
			expect(result.success).toBe(false);
			expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
				['records', 'administration.errors.records']
			]);
		}
	});
});

describe('shortening retention', () => {
	const now = { records: 5, feedback: 5, audit: 6 };

	it('names each kind kept for less time, and no other', () => {
		expect(shortenedKinds(now, { records: 1, feedback: 5, audit: 7 })).toEqual(['records']);
		expect(shortenedKinds(now, { records: 1, feedback: 4, audit: 1 })).toEqual([
			'records',
			'feedback',
			'audit'
		]);
		expect(shortenedKinds(now, now)).toEqual([]);
		expect(shortenedKinds(now, { records: 30, feedback: 30, audit: 30 })).toEqual([]);
	});

	it('is confirmed for the limits it was asked against and the ones it saves, both ways', () => {
		const to = { records: 1, feedback: 5, audit: 6 };
		const text = retentionConfirmation(now, to);
		expect(text).toBe('5.5.6-1.5.6');
		expect(RetentionConfirmation.parse(text)).toEqual({ from: now, to });
		for (const bad of [
			'',
			'yes',
			'5.5.6',
			'5.5.6-1.5',
			'5.5.6-0.5.6',
			'5.5.6-1.5.31',
			'5.5.6-1.5.6x'
		])
			expect(RetentionConfirmation.safeParse(bad).success, bad).toBe(false);
	});
});
