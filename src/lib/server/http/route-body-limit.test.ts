import { describe, expect, it } from 'vitest';
import {
	ANONYMOUS_BODY_LIMIT,
	bodyLimitFor,
	bodyRefusal,
	STAFF_BODY_LIMIT
} from './route-body-limit';

const post = (headers: Record<string, string>) =>
	new Request('http://localhost/sign-in', { method: 'POST', headers });

describe('bodyLimitFor', () => {
	it('gives anyone not signed in 64 KB, on every route', () => {
		expect(bodyLimitFor('/sign-in', false)).toBe(64 * 1024);
		expect(bodyLimitFor('/(studio)/studio/packs', false)).toBe(ANONYMOUS_BODY_LIMIT);
		expect(bodyLimitFor(null, false)).toBe(ANONYMOUS_BODY_LIMIT);
	});

	it('leaves large bodies to the upload routes only', () => {
		expect(bodyLimitFor('/(studio)/studio/packs', true)).toBe(Infinity);
		expect(bodyLimitFor('/(studio)/studio/groups/new', true)).toBe(STAFF_BODY_LIMIT);
		expect(bodyLimitFor('/api/sync', true)).toBe(STAFF_BODY_LIMIT);
	});
});

describe('bodyRefusal', () => {
	it('refuses a declared length over the limit, before reading', () => {
		expect(bodyRefusal(post({ 'content-length': String(64 * 1024 + 1) }), 64 * 1024)).toBe(413);
		expect(bodyRefusal(post({ 'content-length': String(64 * 1024) }), 64 * 1024)).toBeNull();
	});

	it('refuses a body of no declared length outside the upload routes', () => {
		expect(bodyRefusal(post({ 'transfer-encoding': 'chunked' }), 64 * 1024)).toBe(411);
		expect(bodyRefusal(post({ 'transfer-encoding': 'chunked' }), Infinity)).toBeNull();
		expect(bodyRefusal(post({}), 64 * 1024)).toBeNull();
	});

	it('ignores reads', () => {
		const read = new Request('http://localhost/', { headers: { 'content-length': '999999999' } });
		expect(bodyRefusal(read, 1)).toBeNull();
	});
});
