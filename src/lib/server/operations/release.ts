import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/*
 * Which release a server is running, for /api/health and /api/ready (and so for whoever
 * deploys it): the version in package.json, and the commit it was built from — RELEASE_COMMIT
 * when the deployment sets it (a container image has no .git), else read from the checkout's
 * .git: HEAD, the ref it names (loose or packed), a worktree's `.git` file pointing elsewhere.
 */

export interface Release {
	version: string;
	commit: string | null;
}

const COMMIT = /^[0-9a-f]{40}$/;

function read(file: string): string | null {
	try {
		return readFileSync(file, 'utf8').trim();
	} catch {
		return null;
	}
}

/** The folder holding HEAD for the checkout at `root`: `.git`, or where a `.git` file points. */
function gitDir(root: string): string | null {
	const dotGit = join(root, '.git');
	if (!existsSync(dotGit)) return null;
	if (statSync(dotGit).isDirectory()) return dotGit;
	const pointer = /^gitdir: (.+)$/m.exec(read(dotGit) ?? '')?.[1];
	return pointer ? resolve(root, pointer) : null;
}

/** The commit the checkout at `root` has out, or null. */
export function gitCommit(root: string): string | null {
	const dir = gitDir(root);
	if (!dir) return null;
	const head = read(join(dir, 'HEAD'));
	if (!head) return null;
	if (COMMIT.test(head)) return head;
	const ref = /^ref: (.+)$/.exec(head)?.[1];
	if (!ref) return null;
	// A worktree keeps its own HEAD; refs live in the main repository (its `commondir`).
	const common = resolve(dir, read(join(dir, 'commondir')) ?? '.');
	for (const base of [dir, common]) {
		const loose = read(join(base, ref));
		if (loose && COMMIT.test(loose)) return loose;
		const packed = read(join(base, 'packed-refs'));
		const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
		const commit = line?.split(' ')[0];
		if (commit && COMMIT.test(commit)) return commit;
	}
	return null;
}

export function readRelease(
	env: Record<string, string | undefined>,
	root = process.cwd()
): Release {
	const pkg = JSON.parse(read(join(root, 'package.json')) ?? '{}') as { version?: unknown };
	const given = env.RELEASE_COMMIT?.trim();
	return {
		version: typeof pkg.version === 'string' ? pkg.version : 'unknown',
		commit: given ? given : gitCommit(root)
	};
}
