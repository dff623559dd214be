import { describe, expect, it } from 'vitest';
import { isOdsCode, NewOrganisation, OdsCode, OrganisationSettings } from './platform';

const valid = {
	name: 'Eastbrook Hospitals NHS Trust',
	odsCode: 'RXQ',
	slug: '',
	timeZone: 'Europe/London',
	contact: 'PALS',
	defaultLanguages: ['en', 'cy']
};

const messagesOf = (input: unknown) => {
	const parsed = NewOrganisation.safeParse(input);
	return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('ODS codes', () => {
	it.each([
		['RXQ', 'an NHS trust'],
		['R0A', 'a trust with a digit'],
		['QE1', 'an integrated care board'],
		['00L', 'a sub-ICB location'],
		['7A1', 'a Welsh health board'],
		['NV7', 'an independent sector provider'],
		['RH802', 'a trust’s site'],
		['7A101', 'a health board’s site'],
		['FA123', 'a pharmacy'],
		['A81001', 'a GP practice']
	])('accepts %s (%s)', (code) => {
		expect(isOdsCode(code)).toBe(true);
	});

	it.each([
		'',
		'R',
		'RX',
		'RXQX',
		'123',
		'12345',
		'RXQ0',
		'RXQ0001',
		'AB1234',
		'R-Q',
		'RX Q',
		'rxq'
	])('refuses %j', (code) => {
		expect(isOdsCode(code)).toBe(false);
	});

	it('stores a code typed in lower case, with spaces around, in capitals', () => {
		expect(OdsCode.parse(' rh802 ')).toBe('RH802');
	});
});

describe('the organisation forms', () => {
	it('reads a good form: empty optional fields are null, the zone canonical', () => {
		const parsed = OrganisationSettings.parse({ ...valid, odsCode: '', timeZone: 'europe/london' });
		expect(parsed).toEqual({ ...valid, odsCode: null, slug: null, timeZone: 'Europe/London' });
	});

	it('defaults the time zone to Europe/London when left empty', () => {
		expect(OrganisationSettings.parse({ ...valid, timeZone: '' }).timeZone).toBe('Europe/London');
	});

	it('names each bad field with its message, in the form’s order', () => {
		expect(
			messagesOf({
				name: ' ',
				odsCode: 'R1',
				slug: 'Not A Slug',
				timeZone: 'Mars/Olympus_Mons',
				contact: '',
				defaultLanguages: [],
				adminName: '',
				adminEmail: 'not-an-email'
			})
		).toEqual([
			['name', 'platform.errors.name'],
			['odsCode', 'platform.errors.odsCode'],
			['slug', 'platform.errors.slug'],
			['timeZone', 'platform.errors.timeZone'],
			['defaultLanguages', 'platform.errors.defaultLanguages'],
			['adminName', 'platform.errors.adminName'],
			['adminEmail', 'platform.errors.adminEmail']
		]);
	});

	it('refuses a language the toolkit does not hold content in, and unknown fields', () => {
		expect(
			messagesOf({
				...valid,
				defaultLanguages: ['en', 'xx'],
				adminName: 'Erin',
				adminEmail: 'erin@eastbrook.example'
			})[0]?.[0]
		).toBe('defaultLanguages.1');
		expect(
			messagesOf({ ...valid, adminName: 'Erin', adminEmail: 'e@x.example', nhsNumber: '1' })
		).toHaveLength(1);
	});

	it('lower-cases the first admin’s email', () => {
		expect(
			NewOrganisation.parse({ ...valid, adminName: 'Erin', adminEmail: 'Erin@Eastbrook.example' })
				.adminEmail
		).toBe('erin@eastbrook.example');
	});
});
