import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

const origin = 'https://toolkit.example';

describe('safeReturnTo', () => {
	it.each([
		['/studio', '/studio'],
		['/ward?lang=cy', '/ward?lang=cy'],
		['/studio/../ward', '/ward'],
		['/studio/%2e%2e/ward', '/ward'],
		['/studio#top', '/studio'],
		['/%2F%2Fevil.example', '/%2F%2Fevil.example']
	])('keeps a path on this site: %j → %j', (value, expected) => {
		expect(safeReturnTo(value, origin)).toBe(expected);
	});

	it.each([
		null,
		'',
		'studio',
		'//evil.example',
		'/.//evil.example',
		'/./\\evil.example',
		'/%2e//evil.example',
		'/%2E%2E//evil.example',
		'/..//evil.example',
		'/a/..//evil.example',
		'/\\evil.example',
		'/\\/evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'/ /evil.example'.replace(' ', '\t'),
		'https://evil.example',
		'http:/evil.example',
		'javascript:alert(1)',
		'/\\\\evil.example',
		'/.\\/evil.example',
		'/%09/evil.example/..'.replace('%09', '\t')
	])('refuses %j', (value) => {
		const result = safeReturnTo(value, origin);
		expect(result).toBeNull();
	});

	it('never gives a path that a browser would read as another site', () => {
		const tricks = ['/', '.', '%2e', '%2E', '\\', '\t', '%2f', '%5c', 'evil.example', ':', '@'];
		for (const a of tricks)
			for (const b of tricks)
				for (const c of tricks) {
					const result = safeReturnTo(`/${a}${b}${c}evil.example`, origin);
					if (result !== null) expect(new URL(result, origin).origin).toBe(origin);
					if (result !== null) expect(result).toMatch(/^\/(?![/\\])/);
				}
	});
});
