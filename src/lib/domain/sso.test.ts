import { describe, expect, it } from 'vitest';
import {
	emailAtDomain,
	isAllowedIssuer,
	parseDomains,
	parseRoleMap,
	lineForGroups,
	ssoSettingsForm
} from './sso';

describe('single sign-on settings', () => {
	it('takes https issuers only, unless the install allows http on this machine', () => {
		expect(isAllowedIssuer('https://login.microsoftonline.com/abc/v2.0')).toBe(true);
		expect(isAllowedIssuer('http://127.0.0.1:5617')).toBe(false);
		expect(isAllowedIssuer('http://localhost:5617')).toBe(false);
		expect(isAllowedIssuer('http://127.0.0.1:5617', true)).toBe(true);
		expect(isAllowedIssuer('http://localhost:5617', true)).toBe(true);
		expect(isAllowedIssuer('http://login.example.nhs.uk', true)).toBe(false);
		expect(isAllowedIssuer('http://10.0.0.1', true)).toBe(false);
		expect(isAllowedIssuer('https://login.microsoftonline.com/abc/v2.0', true)).toBe(true);
		expect(isAllowedIssuer('http://login.example.nhs.uk')).toBe(false);
		expect(isAllowedIssuer('https://idp.example/?x=1')).toBe(false);
		expect(isAllowedIssuer('https://user:pw@idp.example')).toBe(false);
		expect(isAllowedIssuer('javascript:alert(1)')).toBe(false);
		expect(isAllowedIssuer('not a url')).toBe(false);
	});

	it('reads domains separated by spaces or commas, lower case, without repeats', () => {
		expect(parseDomains(' Northfield.NHS.uk, nhs.net  @nhs.net ')).toEqual([
			'northfield.nhs.uk',
			'nhs.net'
		]);
	});

	it('matches an email only at an allowed domain, never a subdomain or a look-alike', () => {
		const domains = ['northfield.nhs.uk'];
		expect(emailAtDomain('Nia@Northfield.nhs.uk', domains)).toBe(true);
		expect(emailAtDomain('nia@evil.northfield.nhs.uk', domains)).toBe(false);
		expect(emailAtDomain('nia@northfield.nhs.uk.evil.example', domains)).toBe(false);
		expect(emailAtDomain('northfield.nhs.uk', domains)).toBe(false);
	});

	it('reads the group → role map in order, refusing unknown roles and the operator role', () => {
		expect(parseRoleMap('leads = engagementLead\n\n  Ward 7 nurses = wardStaff ')).toEqual([
			{ group: 'leads', role: 'engagementLead' },
			{ group: 'Ward 7 nurses', role: 'wardStaff' }
		]);
		expect(parseRoleMap('ops = platformAdmin')).toBeNull();
		expect(parseRoleMap('leads = boss')).toBeNull();
		expect(parseRoleMap('no equals sign')).toBeNull();
	});

	it('gives the role of the first matching line', () => {
		const map = [
			{ group: 'admins', role: 'admin' as const },
			{ group: 'nurses', role: 'wardStaff' as const }
		];
		expect(lineForGroups(['nurses', 'admins'], map)).toEqual({ group: 'admins', role: 'admin' });
		expect(lineForGroups('nurses', map)?.role).toBe('wardStaff');
		expect(lineForGroups(['porters'], map)).toBeNull();
		expect(lineForGroups(undefined, map)).toBeNull();
		expect(lineForGroups([{ name: 'admins' }], map)).toBeNull();
	});

	it('names each bad field of the admin form', () => {
		const parsed = ssoSettingsForm(true).safeParse({
			issuer: 'http://idp.example',
			clientId: '',
			clientAuth: 'mutualTls',
			allowedDomain: 'not a domain',
			roleClaim: 'groups; drop',
			roleMap: 'x = y'
		});
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['issuer', 'sso.errors.issuer'],
			['clientId', 'sso.errors.clientId'],
			['clientAuth', 'sso.errors.clientAuth'],
			['allowedDomain', 'sso.errors.allowedDomain'],
			['roleClaim', 'sso.errors.roleClaim'],
			['roleMap', 'sso.errors.roleMap']
		]);
	});

	it('refuses an http issuer on this machine unless the install allows it', () => {
		const form = {
			issuer: 'http://127.0.0.1:5219/',
			clientId: 'toolkit',
			allowedDomain: 'northfield.nhs.uk'
		};
		expect(
			ssoSettingsForm()
				.safeParse(form)
				.error?.issues.map((i) => i.message)
		).toEqual(['sso.errors.issuer']);
		expect(ssoSettingsForm(true).parse(form)).toMatchObject({
			issuer: 'http://127.0.0.1:5219',
			clientAuth: 'clientSecret',
			clientSecret: '',
			privateKey: ''
		});
	});
});
