import { describe, expect, it } from 'vitest';
import {
	emailAtDomain,
	isAllowedIssuer,
	parseDomains,
	parseRoleMap,
	roleFromGroups,
	SsoSettingsForm
} from './sso';

describe('single sign-on settings', () => {
	it('takes https issuers, and http only on this machine', () => {
		expect(isAllowedIssuer('https://login.microsoftonline.com/abc/v2.0')).toBe(true);
		expect(isAllowedIssuer('http://127.0.0.1:5617')).toBe(true);
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
		expect(roleFromGroups(['nurses', 'admins'], map)).toBe('admin');
		expect(roleFromGroups('nurses', map)).toBe('wardStaff');
		expect(roleFromGroups(['porters'], map)).toBeNull();
		expect(roleFromGroups(undefined, map)).toBeNull();
		expect(roleFromGroups([{ name: 'admins' }], map)).toBeNull();
	});

	it('names each bad field of the admin form', () => {
		const parsed = SsoSettingsForm.safeParse({
			issuer: 'http://idp.example',
			clientId: '',
			allowedDomain: 'not a domain',
			roleClaim: 'groups; drop',
			roleMap: 'x = y'
		});
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['issuer', 'sso.errors.issuer'],
			['clientId', 'sso.errors.clientId'],
			['allowedDomain', 'sso.errors.allowedDomain'],
			['roleClaim', 'sso.errors.roleClaim'],
			['roleMap', 'sso.errors.roleMap']
		]);
	});
});
