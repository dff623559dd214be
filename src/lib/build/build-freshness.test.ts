import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { whyBuild } from './build-freshness.js';

const roots: string[] = [];
afterEach(() => {
	for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Writes `path` under `root`, last changed at `seconds` past the epoch. */
function file(root: string, path: string, seconds: number) {
	mkdirSync(join(root, path, '..'), { recursive: true });
	writeFileSync(join(root, path), '');
	utimesSync(join(root, path), seconds, seconds);
}

describe('whyBuild', () => {
	it('builds when there is no build, or an input changed after it, and not otherwise', () => {
		const root = mkdtempSync(join(tmpdir(), 'fresh-'));
		roots.push(root);
		file(root, 'src/routes/+page.svelte', 1000);
		file(root, 'package.json', 1000);
		expect(whyBuild(root)).toBe('there is no build yet');
		file(root, 'build/index.js', 2000);
		expect(whyBuild(root)).toBeNull();
		file(root, 'locales/cy/patient.json', 3000);
		expect(whyBuild(root)).toBe('locales changed since the last build');
		file(root, 'build/index.js', 4000);
		file(root, 'src/lib/deep/inside/a.ts', 5000);
		expect(whyBuild(root)).toBe('src changed since the last build');
	});
});
