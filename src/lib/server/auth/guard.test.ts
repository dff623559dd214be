import { describe, expect, it } from 'vitest';
import { areaOf, areaOfRequest } from './guard';

describe('areaOf', () => {
	it('is the first segment of the path, when it names an area', () => {
		expect(areaOf('/studio')).toBe('studio');
		expect(areaOf('/studio/groups/new')).toBe('studio');
		expect(areaOf('/studios')).toBeNull();
		expect(areaOf('/o/northfield/b/falls')).toBeNull();
	});
});

describe('areaOfRequest: the area as the router sees it', () => {
	it('takes the matched route, whatever escapes the path was written with', () => {
		const route = '/(studio)/studio/groups/new';
		expect(areaOfRequest(route, '/%73tudio/groups/new')).toBe('studio');
		expect(areaOfRequest(route, '/studio/groups/new')).toBe('studio');
		expect(areaOfRequest('/(ward)/ward', '/w%61rd')).toBe('ward');
		expect(areaOfRequest('/admin/staff/[id]', '/%61dmin/staff/x')).toBe('admin');
		expect(areaOfRequest('/(patient)/o/[organisation]/b/[slug]', '/o/studio/b/x')).toBeNull();
		expect(areaOfRequest('/', '/')).toBeNull();
	});

	it('with no route matched, decodes the path as SvelteKit does before matching', () => {
		expect(areaOfRequest(null, '/%73tudio/nothing-here')).toBe('studio');
		expect(areaOfRequest(null, '/%53tudio/x')).toBeNull(); // '/Studio': no area, no route
		expect(areaOfRequest(null, '/%2573tudio/x')).toBeNull(); // a literal '%73tudio'
		expect(areaOfRequest(null, '/%E0%A4%A/x')).toBeNull(); // malformed: refused by SvelteKit
		expect(areaOfRequest(null, '/platform')).toBe('platform');
	});
});
