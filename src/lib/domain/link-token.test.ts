import { describe, expect, it } from 'vitest';
import { noticeHref } from '$lib/i18n/links';
import { PatientToken } from './delivery-record';
import {
	carriesToken,
	LINK_TOKEN,
	tokenInAddress,
	tokenStorageKey,
	withoutToken
} from './link-token';

const token = 'AbCdEfGhIjKlMnOpQrSt-_';
const page = '/o/northfield/b/call-dont-fall';
const origin = 'https://briefings.example';

describe('withoutToken', () => {
	it('takes `t` out of an address, leaving the rest byte for byte', () => {
		expect(withoutToken(`${origin}${page}?lang=ar&format=video&t=${token}`)).toBe(
			`${origin}${page}?lang=ar&format=video`
		);
		expect(withoutToken(`?t=${token}&lang=ar&format=easyRead`)).toBe('?lang=ar&format=easyRead');
		expect(withoutToken(`${page}?t=${token}`)).toBe(page);
		expect(withoutToken(`${page}?t=${token}#feedback-heading`)).toBe(`${page}#feedback-heading`);
		// Twice, empty, or spelled with an escape: each is the token's option.
		expect(withoutToken(`?lang=en&t=${token}&t=&%74=${token}`)).toBe('?lang=en');
	});

	it("keeps the feedback form's action as SvelteKit reads it", () => {
		expect(withoutToken(`?lang=ar&format=easyRead&t=${token}&/feedback`)).toBe(
			'?lang=ar&format=easyRead&/feedback'
		);
	});

	it("takes it out of a notice's way back too", () => {
		const here = new URL(`${origin}${page}?lang=ar&format=leaflet&t=${token}`);
		const notice = noticeHref('/privacy', here, 'ar');
		expect(notice).toContain(token);
		const cleaned = withoutToken(notice);
		expect(cleaned).not.toContain(token);
		expect(new URL(cleaned, origin).searchParams.get('from')).toBe(`${page}?format=leaflet`);
		expect(new URL(cleaned, origin).searchParams.get('lang')).toBe('ar');
	});

	it('returns the very same string when there is no token', () => {
		for (const href of [
			'?lang=en&format=leaflet',
			`${origin}${page}`,
			'/privacy?lang=ar&from=%2Fo%2Fn%2Fb%2Fs%3Fformat%3Dleaflet',
			'?tab=1&at=2&t2=3#t=4',
			'?from=%E0%A4%A'
		])
			expect(withoutToken(href)).toBe(href);
	});
});

describe('tokenInAddress', () => {
	it("gives the page's own token, for its path", () => {
		expect(tokenInAddress(`${origin}${page}?lang=ar&format=video&t=${token}`)).toEqual({
			page,
			token
		});
	});

	it('gives the token of the briefing page a notice was opened from, for that page', () => {
		const here = new URL(`${origin}${page}?format=easyRead&t=${token}`);
		expect(tokenInAddress(new URL(noticeHref('/privacy', here, 'cy'), origin).href)).toEqual({
			page,
			token
		});
	});

	it('gives nothing for no token, a malformed one, or a way back to another site', () => {
		expect(tokenInAddress(`${origin}${page}?lang=en`)).toBeNull();
		expect(tokenInAddress(`${origin}${page}?t=short`)).toBeNull();
		expect(tokenInAddress(`${origin}${page}?t=${token}%3Cscript%3E`)).toBeNull();
		const away = encodeURIComponent(`//evil.example${page}?t=${token}`);
		expect(tokenInAddress(`${origin}/privacy?from=${away}`)).toBeNull();
		const slashed = encodeURIComponent(`/\\evil.example${page}?t=${token}`);
		expect(tokenInAddress(`${origin}/privacy?from=${slashed}`)).toBeNull();
	});

	it('takes a token of the shape the server takes, no other', () => {
		for (const candidate of [token, 'A'.repeat(64), 'A'.repeat(21), 'A'.repeat(65), `${token}=`])
			expect(LINK_TOKEN.test(candidate)).toBe(PatientToken.safeParse(candidate).success);
	});
});

describe('carriesToken', () => {
	it('knows every address that holds one', () => {
		expect(carriesToken(new URL(`${origin}${page}?lang=en&t=${token}`))).toBe(true);
		expect(carriesToken(new URL(`${origin}/p/${token}`))).toBe(true);
		const notice = noticeHref('/privacy', new URL(`${origin}${page}?t=${token}`), 'en');
		expect(carriesToken(new URL(notice, origin))).toBe(true);
		expect(carriesToken(new URL(`${origin}${page}?lang=en&format=leaflet`))).toBe(false);
		expect(
			carriesToken(new URL(`${origin}/privacy?lang=en&from=${encodeURIComponent(page)}`))
		).toBe(false);
	});
});

describe('tokenStorageKey', () => {
	it('is one per briefing page, whatever its format or language', () => {
		expect(tokenStorageKey(page)).toBe(
			tokenStorageKey(new URL(`${origin}${page}?lang=cy`).pathname)
		);
		expect(tokenStorageKey(page)).not.toBe(tokenStorageKey('/o/northfield/b/going-home'));
	});
});
