import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileMediaStorage } from '../media/storage';
import { storeStagedUpload } from '../media/uploads';
import { readUploadForm } from './upload-form';

const mp4Head = [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d];

function post(body: BodyInit, headers: Record<string, string> = {}) {
	return new Request('http://localhost/studio/x?/save', {
		method: 'POST',
		body,
		headers,
		duplex: 'half'
	} as RequestInit);
}

const read = (request: Request, maxFileBytes = 1000) => {
	const dir = mkdtempSync(join(tmpdir(), 'incoming-'));
	return { dir, form: readUploadForm(request, { limit: 10_000, maxFileBytes, dir }) };
};

describe('readUploadForm', () => {
	it('puts each file on disk with its size, first bytes and SHA-256, and keeps the fields', async () => {
		const bytes = new Uint8Array([...mp4Head, ...Array(300).fill(7)]);
		const form = new FormData();
		form.append('title', 'Your safety');
		form.append('videoFile', new Blob([bytes]), 'v.mp4');
		form.append('posterFile', new Blob([]), '');
		const { dir, form: pending } = read(post(form));
		const upload = await pending;
		if (upload === 'tooLarge') throw new Error('not expected');
		expect(upload.fields.get('title')).toBe('Your safety');
		const file = upload.file('videoFile')!;
		expect(file).toMatchObject({ size: bytes.length, tooBig: false });
		expect([...file.head]).toEqual([...bytes.subarray(0, 64)]);
		expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
		expect(new Uint8Array(readFileSync(file.path))).toEqual(bytes);
		expect(upload.file('posterFile')).toBeNull(); // an empty file input is no file
		await upload.discard();
		expect(readdirSync(dir)).toEqual([]);
	});

	it('keeps a chosen file with no bytes, so that it is refused as empty rather than as missing', async () => {
		const form = new FormData();
		form.append('videoFile', new Blob([]), 'empty.mp4');
		form.append('posterFile', new Blob([]), '');
		const upload = await read(post(form)).form;
		if (upload === 'tooLarge') throw new Error('not expected');
		expect(upload.file('videoFile')).toMatchObject({ size: 0 });
		expect(upload.file('posterFile')).toBeNull();
		const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
		const media = fileMediaStorage(join(dataDir, 'uploads'));
		expect(await storeStagedUpload(media, upload.file('videoFile')!, 'video')).toEqual({
			ok: false,
			problem: 'empty'
		});
	});

	it('marks a file over the limit, and stops writing it there', async () => {
		const form = new FormData();
		form.append('videoFile', new Blob([new Uint8Array(5000)]), 'big.mp4');
		const upload = await read(post(form), 1000).form;
		if (upload === 'tooLarge') throw new Error('not expected');
		expect(upload.file('videoFile')).toMatchObject({ tooBig: true, size: 1000 });
		const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
		expect(
			await storeStagedUpload(
				fileMediaStorage(join(dataDir, 'uploads')),
				upload.file('videoFile')!,
				'video'
			)
		).toEqual({
			ok: false,
			problem: 'tooBig'
		});
		expect(existsSync(upload.file('videoFile')!.path)).toBe(false);
	});

	it('answers 400 for broken multipart, and tooLarge from the declared length', async () => {
		const broken = post('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nnever closed', {
			'content-type': 'multipart/form-data; boundary=x'
		});
		await expect(read(broken).form).rejects.toMatchObject({ status: 400 });
		const big = post('a', {
			'content-type': 'multipart/form-data; boundary=x',
			'content-length': '10001'
		});
		expect(await read(big).form).toBe('tooLarge');
	});

	it('reads an urlencoded form as it is', async () => {
		const upload = await read(
			post('intent=addRow', { 'content-type': 'application/x-www-form-urlencoded' })
		).form;
		if (upload === 'tooLarge') throw new Error('not expected');
		expect(upload.fields.get('intent')).toBe('addRow');
	});

	it('stores an accepted file by moving it into place under its SHA-256', async () => {
		const bytes = new Uint8Array([...mp4Head, 1, 2, 3]);
		const form = new FormData();
		form.append('videoFile', new Blob([bytes]), 'v.mp4');
		const upload = await read(post(form)).form;
		if (upload === 'tooLarge') throw new Error('not expected');
		const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
		const sha = createHash('sha256').update(bytes).digest('hex');
		expect(
			await storeStagedUpload(
				fileMediaStorage(join(dataDir, 'uploads')),
				upload.file('videoFile')!,
				'video'
			)
		).toEqual({
			ok: true,
			path: `/uploads/${sha}.mp4`,
			mimeType: 'video/mp4'
		});
		expect(new Uint8Array(readFileSync(join(dataDir, 'uploads', `${sha}.mp4`)))).toEqual(bytes);
	});
});
