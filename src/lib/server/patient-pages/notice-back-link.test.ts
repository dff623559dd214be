import { describe, expect, it } from 'vitest';
import { noticeHref } from '$lib/i18n/links';
import { noticeBackLink } from './notice-back-link';

const origin = 'https://briefings.example.nhs.uk';
const notice = (query: Record<string, string>, path = '/privacy') =>
	new URL(`${path}?${new URLSearchParams(query)}`, origin);

describe('noticeBackLink', () => {
	it('leads back to a page on this site, in the language the notice is read in', () => {
		expect(noticeBackLink(notice({ from: '/o/northfield/b/call-dont-fall' }))).toBe(
			'/o/northfield/b/call-dont-fall'
		);
		expect(
			noticeBackLink(
				notice({ lang: 'ar', from: '/o/northfield/b/call-dont-fall?format=leaflet&t=abc' })
			)
		).toBe('/o/northfield/b/call-dont-fall?format=leaflet&t=abc&lang=ar');
		// The patient changed language on the notice: the briefing follows.
		expect(noticeBackLink(notice({ lang: 'cy', from: '/c?lang=pl' }, '/accessibility'))).toBe(
			'/c?lang=cy'
		);
		expect(noticeBackLink(notice({ from: '/o/northfield/../northfield/b/x#top' }))).toBe(
			'/o/northfield/b/x'
		);
	});

	it.each([
		'',
		'o/northfield',
		'//evil.example',
		'//evil.example/o/northfield',
		'/.//evil.example',
		'/\\evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/%2e%2e//evil.example',
		'https://evil.example/',
		'http:/evil.example',
		'javascript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		' /o/northfield',
		`/o/${'x'.repeat(2000)}`
	])('gives no back link for %j', (from) => {
		expect(noticeBackLink(notice({ from }))).toBeNull();
		expect(noticeBackLink(notice({ from, lang: 'ar' }))).toBeNull();
	});

	it('gives none without a `from`, nor to a notice (they would lead back to each other)', () => {
		expect(noticeBackLink(notice({}))).toBeNull();
		expect(noticeBackLink(notice({ lang: 'ar' }))).toBeNull();
		for (const from of ['/privacy', '/accessibility?lang=cy', '/privacy/', '/x/../privacy'])
			expect(noticeBackLink(notice({ from }))).toBeNull();
	});

	it('never leads off this site, whatever the footer is given', () => {
		const tricks = ['/', '.', '%2e', '\\', '\t', '%2f', '%5c', 'evil.example', ':', '@', '?'];
		for (const a of tricks)
			for (const b of tricks)
				for (const c of tricks) {
					const back = noticeBackLink(notice({ from: `${a}${b}${c}evil.example`, lang: 'ar' }));
					if (back !== null) {
						expect(back).toMatch(/^\/(?![/\\])/);
						expect(new URL(back, origin).origin).toBe(origin);
					}
				}
	});
});

describe('noticeHref', () => {
	const here = (path: string) => new URL(path, origin);
	it('carries the page it is followed from, without the language it carries itself', () => {
		expect(noticeHref('/privacy', here('/o/northfield/b/call?lang=ar&format=leaflet'), 'ar')).toBe(
			'/privacy?lang=ar&from=%2Fo%2Fnorthfield%2Fb%2Fcall%3Fformat%3Dleaflet'
		);
		expect(noticeHref('/accessibility', here('/c'), null)).toBe('/accessibility?from=%2Fc');
		expect(noticeHref('/privacy', null, 'cy')).toBe('/privacy?lang=cy');
	});

	it('passes a notice’s own `from` on to the other notice', () => {
		const privacy = here('/privacy?lang=ar&from=%2Fo%2Fnorthfield%2Fb%2Fcall');
		expect(noticeHref('/accessibility', privacy, 'ar')).toBe(
			'/accessibility?lang=ar&from=%2Fo%2Fnorthfield%2Fb%2Fcall'
		);
		expect(noticeHref('/privacy', here('/privacy?lang=ar'), 'ar')).toBe('/privacy?lang=ar');
	});

	it('makes a link the notice leads back from', () => {
		const link = new URL(
			noticeHref('/privacy', here('/o/northfield/b/call?lang=ar&t=x1'), 'ar'),
			origin
		);
		expect(noticeBackLink(link)).toBe('/o/northfield/b/call?t=x1&lang=ar');
	});
});
