import { describe, expect, it } from 'vitest';
import { megabytes, parseBodySizeLimit, readForm, readFormWithin } from './body-limit';

/** What SvelteKit's `error()` throws for a body that is not a form. */
const unreadableForm = { status: 400, body: { message: 'unreadableForm' } };

/** A multipart post whose body is `body`, with the headers given. */
function post(body: BodyInit, headers: Record<string, string> = {}) {
	return new Request('http://localhost/studio/packs?/check', {
		method: 'POST',
		body,
		headers,
		duplex: 'half'
	} as RequestInit);
}

/** A body that fails as adapter-node's does when it passes BODY_SIZE_LIMIT mid-stream. */
function refusedMidStream(status = 413) {
	return new ReadableStream({
		pull(controller) {
			controller.error(Object.assign(new Error('Payload Too Large'), { status }));
		}
	});
}

describe('parseBodySizeLimit', () => {
	it('reads bytes and K, M, G as adapter-node does', () => {
		expect(parseBodySizeLimit('2048')).toBe(2048);
		expect(parseBodySizeLimit('8m')).toBe(8 * 1024 * 1024);
		expect(parseBodySizeLimit('1G')).toBe(1024 ** 3);
		expect(parseBodySizeLimit(undefined)).toBe(512 * 1024);
		expect(parseBodySizeLimit('lots')).toBeNaN();
	});

	it('says a limit in megabytes, rounded down to a tenth', () => {
		expect(megabytes(8 * 1024 * 1024)).toBe(8);
		expect(megabytes(210_763_776)).toBe(201);
		expect(megabytes(512 * 1024)).toBe(0.5);
	});
});

describe('readFormWithin', () => {
	it('answers tooLarge from the declared length, without reading the body', async () => {
		const unread = new ReadableStream({
			pull() {
				throw new Error('the body was read');
			}
		});
		const request = post(unread, {
			'content-type': 'multipart/form-data; boundary=x',
			'content-length': String(8 * 1024 * 1024 + 1)
		});
		expect(await readFormWithin(request, 8 * 1024 * 1024)).toBe('tooLarge');
		expect(request.bodyUsed).toBe(false);
	});

	it('answers tooLarge when the adapter stops a body sent without a length', async () => {
		const request = post(refusedMidStream(), { 'content-type': 'multipart/form-data; boundary=x' });
		expect(await readFormWithin(request, 1024)).toBe('tooLarge');
	});

	it('answers 400 for any other failure while reading', async () => {
		const request = post(refusedMidStream(400), {
			'content-type': 'multipart/form-data; boundary=x'
		});
		await expect(readFormWithin(request, 1024)).rejects.toMatchObject(unreadableForm);
	});

	it('reads a form within the limit', async () => {
		const form = new FormData();
		form.set('pack', new Blob(['PK']), 'pack.zip');
		const form2 = await readFormWithin(post(form), 1024);
		expect(form2 === 'tooLarge' ? null : (form2.get('pack') as File).size).toBe(2);
	});
});

describe('readForm', () => {
	it.each([
		['text/plain', 'email=a@b.example'],
		['application/json', '{"email":"a@b.example"}'],
		[
			'multipart/form-data; boundary=x',
			'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'
		],
		['multipart/form-data', '--x--'],
		['', 'email=a'],
		['text/plain; x=multipart/form-data', 'a=b']
	])('answers 400 for a body of type %j that is not a readable form', async (type, body) => {
		const request = post(body, type ? { 'content-type': type } : {});
		if (!type) request.headers.delete('content-type');
		await expect(readForm(request)).rejects.toMatchObject(unreadableForm);
	});

	it('answers 413 over its limit', async () => {
		const request = post('a=' + 'x'.repeat(100), {
			'content-type': 'application/x-www-form-urlencoded',
			'content-length': '102'
		});
		await expect(readForm(request, 64)).rejects.toMatchObject({ status: 413 });
	});

	it('reads an urlencoded and a multipart form', async () => {
		const urlencoded = post('a=1&b=two', { 'content-type': 'application/x-www-form-urlencoded' });
		expect((await readForm(urlencoded)).get('b')).toBe('two');
		const multipart = new FormData();
		multipart.set('a', '1');
		expect((await readForm(post(multipart))).get('a')).toBe('1');
	});
});
