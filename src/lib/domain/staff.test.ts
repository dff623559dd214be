import { describe, expect, it } from 'vitest';
import { SignInForm, homeFor, mayEditContent, mayUse, roles, type Area, type Role } from './staff';

const areas: Area[] = ['studio', 'ward', 'admin', 'platform', 'region'];

describe('mayUse', () => {
	const expected: Record<Role, Area[]> = {
		admin: ['studio', 'ward', 'admin'],
		engagementLead: ['studio', 'ward'],
		clinicalReviewer: ['studio'],
		wardStaff: ['ward'],
		platformAdmin: ['platform'],
		regionalLead: ['region']
	};

	it.each(roles)('lets %s use exactly its areas', (role) => {
		expect(areas.filter((area) => mayUse(area, role))).toEqual(expected[role]);
	});

	it('keeps ward staff out of the studio and admin', () => {
		expect(mayUse('studio', 'wardStaff')).toBe(false);
		expect(mayUse('admin', 'wardStaff')).toBe(false);
	});

	it('lets reviewers into the studio but not the ward', () => {
		expect(mayUse('studio', 'clinicalReviewer')).toBe(true);
		expect(mayUse('ward', 'clinicalReviewer')).toBe(false);
	});

	it('keeps admin for admins only', () => {
		expect(roles.filter((role) => mayUse('admin', role))).toEqual(['admin']);
	});
});

describe('mayEditContent', () => {
	it('is for engagement leads and admins only', () => {
		expect(roles.filter(mayEditContent)).toEqual(['admin', 'engagementLead']);
	});
});

describe('homeFor', () => {
	it('sends each role to its own area', () => {
		expect(homeFor('wardStaff')).toBe('/ward');
		expect(homeFor('admin')).toBe('/admin');
		expect(homeFor('engagementLead')).toBe('/studio');
		expect(homeFor('clinicalReviewer')).toBe('/studio');
	});

	it('sends each role somewhere it may use', () => {
		for (const role of roles) {
			const area = homeFor(role).slice(1) as Area;
			expect(mayUse(area, role), role).toBe(true);
		}
	});
});

describe('SignInForm', () => {
	function messages(value: unknown) {
		const result = SignInForm.safeParse(value);
		return result.success
			? []
			: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
	}

	it('accepts an email and a password', () => {
		expect(SignInForm.parse({ email: 'lead@demo.example', password: 'x' })).toEqual({
			email: 'lead@demo.example',
			password: 'x'
		});
	});

	it('gives the i18n key for a bad or missing email', () => {
		for (const email of ['not an email', '', undefined, `${'a'.repeat(250)}@b.example`])
			expect(messages({ email, password: 'secret' }), String(email)).toEqual([
				{ path: 'email', message: 'signIn.errors.email' }
			]);
	});

	it('gives the i18n key for a missing or overlong password', () => {
		for (const password of ['', undefined, 'p'.repeat(201)])
			expect(messages({ email: 'lead@demo.example', password }), String(password)).toEqual([
				{ path: 'password', message: 'signIn.errors.passwordMissing' }
			]);
	});

	it('reports both fields at once, email first', () => {
		expect(messages({})).toEqual([
			{ path: 'email', message: 'signIn.errors.email' },
			{ path: 'password', message: 'signIn.errors.passwordMissing' }
		]);
	});
});
