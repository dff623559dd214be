import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitCommit, readRelease } from './release';

const a = 'a'.repeat(40);
const b = 'b'.repeat(40);
const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder with the given files (paths relative to it). */
function folder(files: Record<string, string>): string {
	const root = mkdtempSync(join(tmpdir(), 'release-'));
	dirs.push(root);
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(join(root, path, '..'), { recursive: true });
		writeFileSync(join(root, path), text);
	}
	return root;
}

describe('the release a server runs', () => {
	it('reads the version from package.json and the commit from RELEASE_COMMIT first', () => {
		const root = folder({ 'package.json': '{"version":"1.4.0"}', '.git/HEAD': a });
		expect(readRelease({ RELEASE_COMMIT: b }, root)).toEqual({ version: '1.4.0', commit: b });
		expect(readRelease({}, root)).toEqual({ version: '1.4.0', commit: a });
		expect(readRelease({}, folder({}))).toEqual({ version: 'unknown', commit: null });
	});

	it('follows HEAD to a loose or packed ref, and a worktree to its repository', () => {
		expect(
			gitCommit(folder({ '.git/HEAD': 'ref: refs/heads/main', '.git/refs/heads/main': a }))
		).toBe(a);
		expect(
			gitCommit(
				folder({
					'.git/HEAD': 'ref: refs/heads/main\n',
					'.git/packed-refs': `# pack\n${b} refs/heads/main\n`
				})
			)
		).toBe(b);
		const repo = folder({
			'.git/refs/heads/topic': a,
			'.git/worktrees/wt/HEAD': 'ref: refs/heads/topic',
			'.git/worktrees/wt/commondir': '../..'
		});
		const worktree = folder({ '.git': `gitdir: ${join(repo, '.git/worktrees/wt')}\n` });
		expect(gitCommit(worktree)).toBe(a);
		expect(gitCommit(folder({ '.git/HEAD': 'ref: refs/heads/gone' }))).toBeNull();
	});
});
