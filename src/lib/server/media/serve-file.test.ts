import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRange, serveFile } from './serve-file';

describe('parseRange', () => {
	it('reads the single-range forms a video player sends', () => {
		expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
		expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
		expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
		expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
	});

	it('answers the whole file for no range or one it does not handle', () => {
		expect(parseRange(null, 100)).toBeNull();
		expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
		expect(parseRange('items=1-2', 100)).toBeNull();
	});

	it('refuses a range past the end', () => {
		expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
		expect(parseRange('bytes=20-10', 100)).toBe('unsatisfiable');
	});
});

describe('serveFile', () => {
	it('answers 206 with the asked bytes and 200 with all of them', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'serve-'));
		const path = join(dir, 'f.mp4');
		await writeFile(path, 'abcdefghij');
		const part = await serveFile(path, 'video/mp4', 'bytes=2-4');
		expect(part?.status).toBe(206);
		expect(part?.headers.get('Content-Range')).toBe('bytes 2-4/10');
		expect(await part?.text()).toBe('cde');
		const whole = await serveFile(path, 'video/mp4', null);
		expect(whole?.status).toBe(200);
		expect(await whole?.text()).toBe('abcdefghij');
		expect((await serveFile(path, 'video/mp4', 'bytes=10-'))?.status).toBe(416);
		expect(await serveFile(join(dir, 'missing.mp4'), 'video/mp4', null)).toBeNull();
	});
});
