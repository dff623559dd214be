import { describe, expect, it } from 'vitest';
import {
	isAfterSignOut,
	offlineLanguage,
	offlinePagePath,
	withSignedOutNotice
} from './offline-page';

const at = (path: string) => new URL(path, 'https://briefings.nhs.example');

describe('the offline page a reader gets', () => {
	it('is in the language the address asks for, else the last page’s, else the browser’s', () => {
		expect(offlineLanguage(at('/b/x?lang=ar'), 'cy', ['en-GB'])).toBe('ar');
		expect(offlineLanguage(at('/ward'), 'cy', ['ar'])).toBe('cy');
		expect(offlineLanguage(at('/ward'), null, ['fr-FR', 'cy-GB', 'en'])).toBe('cy');
		expect(offlineLanguage(at('/ward?lang=xx'), null, [])).toBe('en');
		// A patient's page is in its link's language, or the phone's: never the last staff choice.
		expect(offlineLanguage(at('/b/x'), 'cy', ['ar', 'en'])).toBe('ar');
		expect(offlineLanguage(at('/o/north/b/x?lang=cy'), 'ar', ['en'])).toBe('cy');
		expect(offlinePagePath('cy')).toBe('/offline/cy');
	});

	it('speaks every patient page language to a patient, only the staff languages to staff', () => {
		expect(offlineLanguage(at('/o/north/b/x?lang=pl'), 'cy', ['en'])).toBe('pl');
		expect(offlineLanguage(at('/b/x'), null, ['ur-PK', 'en'])).toBe('ur');
		expect(offlineLanguage(at('/p/token'), null, ['zh-CN'])).toBe('zh-Hans');
		// A staff page asked for Polish passes over it, as the server does.
		expect(offlineLanguage(at('/ward?lang=pl'), 'cy', ['en'])).toBe('cy');
		expect(offlineLanguage(at('/ward'), null, ['pl-PL', 'en-GB'])).toBe('en');
		expect(offlinePagePath('zh-Hans')).toBe('/offline/zh-Hans');
	});

	it('says the person has signed out only after a sign-out', () => {
		const html =
			'<h1>You are offline</h1><div class="nhsuk-inset-text" data-offline-signed-out="" hidden=""><p>You have signed out</p></div><p hidden="">x</p>';
		const shown = withSignedOutNotice(html);
		expect(shown).toContain('<div class="nhsuk-inset-text" data-offline-signed-out="">');
		// Only that notice: anything else hidden stays hidden.
		expect(shown).toContain('<p hidden="">x</p>');
		expect(isAfterSignOut(at('/sign-in?signedOut=1&returnTo=%2Fward'))).toBe(true);
		expect(isAfterSignOut(at('/ward'))).toBe(false);
	});
});
