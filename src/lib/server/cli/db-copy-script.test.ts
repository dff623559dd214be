import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db/database';
import { createOrganisation } from '../repositories/organisations';

/*
 * The real `npm run db:copy` against the PostgreSQL server of TEST_DATABASE_URL (vite.config.ts
 * runs this file only then), into a database of its own made here and dropped after.
 */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'db-copy-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run db:copy, the real command', () => {
	it('copies into PostgreSQL, prints the counts, refuses a second run and replaces with --replace', async () => {
		const file = join(dir, 'toolkit.sqlite');
		const source = openDatabase(file);
		await migrate(source);
		await createOrganisation(source, { name: 'Westmoor Hospitals NHS Trust' });
		await source.destroy();

		const adminUrl = process.env.TEST_DATABASE_URL!;
		const name = `h3_db_copy_${process.pid}`;
		const target = new URL(adminUrl);
		target.pathname = `/${name}`;
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		await admin.query(`create database ${name}`);
		try {
			const args = ['scripts/db-copy.js', '--from', file, '--to', target.href];
			const first = await run('node', args);
			expect(first.stdout).toMatch(/^table\s+source\s+target\s+ok\norganisation\s+1\s+1\s+ok\n/);
			expect(first.stdout).toMatch(/\nsign_in_failure\s+0\s+0\s+ok\n/);
			expect(first.stdout).toContain(
				`Copied 46 tables, 1 rows, from ${file} to ${target.host}/${name} in `
			);

			const second = await run('node', args).catch((e: { code: number; stderr: string }) => e);
			expect(second).toMatchObject({
				code: 1,
				stderr:
					'Refused: The target already holds data, in organisation. Copy into an empty database, or add --replace to empty these tables first.\n'
			});
			const third = await run('node', [...args, '--replace']);
			expect(third.stdout).toMatch(/\norganisation\s+1\s+1\s+ok\n/);
		} finally {
			await admin.query(`drop database ${name} with (force)`);
			await admin.end();
		}
	}, 120_000);
});
