import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db/database';
import { runDbCopy } from './db-copy';

let dir = '';
let file = '';

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'db-copy-cli-'));
	file = join(dir, 'toolkit.sqlite');
	const db = openDatabase(file);
	await migrate(db);
	await db.destroy();
	writeFileSync(join(dir, 'notes.txt'), 'not a database');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function copy(args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runDbCopy(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
	return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run db:copy, its arguments', () => {
	it('refuses a missing --from, a file that is not there and a file that is not SQLite', async () => {
		const to = ['--to', 'postgres://postgres@127.0.0.1:5432/x'];
		expect(await copy(to)).toMatchObject({
			code: 2,
			err: expect.stringMatching(/^--from: the SQLite file to copy is required\n\nUsage:/)
		});
		expect(await copy(['--from', join(dir, 'nope.sqlite'), ...to])).toMatchObject({
			code: 2,
			err: expect.stringContaining(`--from: no such file: ${join(dir, 'nope.sqlite')}`)
		});
		expect(await copy(['--from', join(dir, 'notes.txt'), ...to])).toMatchObject({
			code: 2,
			err: expect.stringMatching(/notes\.txt is not an SQLite database .*file is not a database/)
		});
	});

	it('refuses a --to that is not a postgres:// URL, and an unknown option', async () => {
		for (const url of ['mysql://db/x', 'not a url', ''])
			expect(await copy(['--from', file, '--to', url])).toMatchObject({
				code: 2,
				err: expect.stringMatching(/^--to: a postgres:\/\/ URL is required/)
			});
		expect(await copy(['--from', file, '--to', 'postgres://h/x', '--force'])).toMatchObject({
			code: 2,
			err: expect.stringMatching(/Unknown option '--force'/)
		});
	});

	it('names an unreachable server without its password, and changes nothing', async () => {
		// Port 1 on this machine: refused at once, no waiting on a timeout.
		const result = await copy(['--from', file, '--to', 'postgres://u:secret@127.0.0.1:1/db']);
		expect(result).toMatchObject({
			code: 1,
			err: expect.stringMatching(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/db: .*ECONNREFUSED/)
		});
		expect(result.err).not.toContain('secret');
	});
});
