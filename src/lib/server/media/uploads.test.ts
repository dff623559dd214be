import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileMediaStorage } from './storage';
import { AUDIO_MAX_BYTES, sniffMedia, storeStagedUpload, storeUpload } from './uploads';

const mp4Head = [0, 0, 0, 0x20, ...Buffer.from('ftypisom')];
const file = (bytes: number[] | string, name: string) =>
	new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name);

describe('sniffMedia', () => {
	it('knows the accepted types by their first bytes', () => {
		expect(sniffMedia(new Uint8Array(mp4Head))).toBe('mp4');
		expect(sniffMedia(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1]))).toBe('webm');
		expect(sniffMedia(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
		expect(sniffMedia(new Uint8Array(Buffer.from('\uFEFFWEBVTT\n')))).toBe('vtt');
		expect(
			sniffMedia(new Uint8Array(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">')))
		).toBe(null);
	});
});

describe('storeUpload', () => {
	it('stores a video under its SHA-256, once', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'uploads-'));
		const video = file([...mp4Head, 1, 2, 3], 'clip.mp4');
		const first = await storeUpload(fileMediaStorage(join(dir, 'uploads')), video, 'video', 1000);
		expect(first).toMatchObject({ ok: true, mimeType: 'video/mp4' });
		if (!first.ok) return;
		expect(first.path).toMatch(/^\/uploads\/[0-9a-f]{64}\.mp4$/);
		expect(await storeUpload(fileMediaStorage(join(dir, 'uploads')), video, 'video', 1000)).toEqual(
			first
		);
		expect((await readdir(join(dir, 'uploads'))).filter((f) => !f.startsWith('.'))).toHaveLength(1);
		expect([...(await readFile(join(dir, first.path)))].slice(-3)).toEqual([1, 2, 3]);
	});

	it('refuses a renamed text file, a file over the limit and bad captions, writing nothing', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'uploads-'));
		expect(
			await storeUpload(
				fileMediaStorage(join(dir, 'uploads')),
				file('just text', 'video.mp4'),
				'video',
				1000
			)
		).toEqual({
			ok: false,
			problem: 'wrongType'
		});
		expect(
			await storeUpload(
				fileMediaStorage(join(dir, 'uploads')),
				file([...mp4Head, ...Array(100).fill(0)], 'big.mp4'),
				'video',
				50
			)
		).toEqual({
			ok: false,
			problem: 'tooBig'
		});
		expect(
			await storeUpload(
				fileMediaStorage(join(dir, 'uploads')),
				file('WEBVTT\n\nnot a cue', 'c.vtt'),
				'captions',
				1000
			)
		).toEqual({
			ok: false,
			problem: 'badCaptions'
		});
		expect(
			await storeUpload(
				fileMediaStorage(join(dir, 'uploads')),
				file([...mp4Head], 'v.mp4'),
				'image',
				1000
			)
		).toEqual({
			ok: false,
			problem: 'wrongType'
		});
		await expect(readdir(join(dir, 'uploads'))).rejects.toThrow();
	});
});

describe('recordings', () => {
	const mp3 = [0xff, 0xfb, 0x10, 0xc4, ...Array(100).fill(0)];

	it('stores an MP3 as audio only, and refuses one over 50 MB by its size alone', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'uploads-'));
		const media = fileMediaStorage(join(dir, 'uploads'));
		const stored = await storeUpload(media, file(mp3, 'talk.mp3'), 'audio', 1000);
		expect(stored).toMatchObject({ ok: true, mimeType: 'audio/mpeg' });
		expect(stored.ok && stored.path).toMatch(/^\/uploads\/[0-9a-f]{64}\.mp3$/);
		expect(await storeUpload(media, file(mp3, 'talk.mp4'), 'video', 1000)).toEqual({
			ok: false,
			problem: 'wrongType'
		});
		expect(await storeUpload(media, file('ID3 is not enough', 'a.mp3'), 'audio', 1000)).toEqual({
			ok: false,
			problem: 'wrongType'
		});
		const staged = {
			path: join(dir, 'staged'),
			size: AUDIO_MAX_BYTES + 1,
			head: new Uint8Array(mp3.slice(0, 64)),
			sha256: 'f'.repeat(64),
			tooBig: false
		};
		expect(await storeStagedUpload(media, staged, 'audio')).toEqual({
			ok: false,
			problem: 'tooBig'
		});
		expect(sniffMedia(new Uint8Array(mp3))).toBe('mp3');
	});
});
