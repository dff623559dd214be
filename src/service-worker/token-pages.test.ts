import { describe, expect, it } from 'vitest';
import { forgetPagesWithTokens, keptWithoutToken } from './token-pages';

const origin = 'https://briefings.nhs.example';
const page = `${origin}/o/north/b/call-dont-fall`;
const token = 'AbCdEfGhIjKlMnOpQrSt-_';
const qrLink = `${page}?lang=ar&format=video&t=${token}`;
const noticeFromIt = `${origin}/privacy?lang=ar&from=${encodeURIComponent(`/o/north/b/call-dont-fall?t=${token}`)}`;

// Only the arguments the rules read; Workbox passes more.
type KeyArgs = Parameters<NonNullable<typeof keptWithoutToken.cacheKeyWillBeUsed>>[0];
type UpdateArgs = Parameters<NonNullable<typeof keptWithoutToken.cacheWillUpdate>>[0];
const keyOf = (url: string, mode: 'read' | 'write') =>
	keptWithoutToken.cacheKeyWillBeUsed!({ request: new Request(url), mode } as KeyArgs);
const kept = (url: string, status = 200) =>
	keptWithoutToken.cacheWillUpdate!({
		request: new Request(url),
		response: new Response(status === 204 ? null : 'page', { status })
	} as UpdateArgs);

describe('the pages cache and a QR link’s token', () => {
	it('looks a page up, and keeps it, under its address without the token', async () => {
		expect(await keyOf(qrLink, 'read')).toBe(`${page}?lang=ar&format=video`);
		expect(await keyOf(qrLink, 'write')).toBe(`${page}?lang=ar&format=video`);
		expect(await keyOf(`${page}?lang=ar&format=easyRead`, 'read')).toBe(
			`${page}?lang=ar&format=easyRead`
		);
		expect(await keyOf(`${origin}/ward?group=g&language=ar`, 'read')).toBe(
			`${origin}/ward?group=g&language=ar`
		);
	});

	it('never keeps a page fetched from an address holding a token (its HTML holds it too)', async () => {
		expect(await kept(qrLink)).toBeNull();
		expect(await kept(noticeFromIt)).toBeNull();
		expect(await kept(`${origin}/p/${token}`)).toBeNull();
	});

	it('keeps other pages as Workbox would: a 200 only', async () => {
		expect((await kept(`${page}?lang=ar&format=video`))?.status).toBe(200);
		expect((await kept(`${origin}/ward`))?.status).toBe(200);
		expect(await kept(`${page}?lang=ar`, 404)).toBeNull();
		expect(await kept(`${page}?lang=ar`, 204)).toBeNull();
	});

	it('forgets the pages an earlier worker kept under a token’s address, and only those', async () => {
		const urls = [qrLink, `${page}?lang=ar&format=video`, noticeFromIt, `${origin}/ward`];
		const cache = {
			keys: async () => urls.map((url) => new Request(url)),
			delete: async (request: RequestInfo | URL) => {
				const url = request instanceof Request ? request.url : String(request);
				urls.splice(urls.indexOf(url), 1);
				return true;
			}
		};
		expect(await forgetPagesWithTokens(cache as Pick<Cache, 'keys' | 'delete'>)).toBe(2);
		expect(urls).toEqual([`${page}?lang=ar&format=video`, `${origin}/ward`]);
	});
});
