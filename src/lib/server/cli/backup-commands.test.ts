import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../config';
import { runBackupCommand } from './backup-commands';

let dir = '';
afterEach(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
});

async function command(args: string[]) {
	dir = mkdtempSync(join(tmpdir(), 'backup-command-'));
	const out: string[] = [];
	const err: string[] = [];
	const code = await runBackupCommand(args, {
		config: readConfig({ DATA_DIR: dir }),
		release: { version: '1.0.0', commit: null },
		out: (line) => out.push(line),
		err: (line) => err.push(line)
	});
	return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run backup and npm run restore, their arguments', () => {
	it('answers 2 with the usage for a restore without its folder, an unknown option or extra words', async () => {
		expect(await command(['restore'])).toMatchObject({
			code: 2,
			err: expect.stringMatching(/^restore needs the backup's folder\n\nUsage:/)
		});
		expect(await command(['restore', 'a', '--quiet'])).toMatchObject({
			code: 2,
			err: expect.stringMatching(/Unknown option '--quiet'/)
		});
		expect(await command(['backup', 'somewhere'])).toMatchObject({ code: 2 });
	});

	it('answers 1, naming why, for a folder that is not a backup, and changes nothing', async () => {
		const result = await command(['restore', '/nonexistent/backup-1']);
		expect(result).toMatchObject({
			code: 1,
			err: 'Restore refused, nothing was changed: /nonexistent/backup-1 is not a backup: it has no manifest.json'
		});
	});

	it('answers 1 when the database cannot be read, leaving no backup behind', async () => {
		const result = await command(['backup']);
		expect(result.code).toBe(1);
		expect(result.err).toMatch(/^Backup FAILED, earlier backups are untouched: /);
		expect(readdirSync(join(dir, 'backups'))).toEqual([]);
	});
});
