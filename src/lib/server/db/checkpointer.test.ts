import SQLite from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKSTOP_PAGES, startCheckpointer, type Checkpointer } from './checkpointer';

const PAGE = 4096;

let dir: string;
let sqlite: SQLite.Database;
let checkpointer: Checkpointer | null = null;

function openFile() {
	dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
	const file = join(dir, 'db.sqlite');
	sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.exec('create table t (id integer primary key, body blob)');
	return file;
}

/** Commits `pages` pages' worth of rows, one commit a row, as the server's requests would. */
function writePages(pages: number) {
	const insert = sqlite.prepare('insert into t (body) values (?)');
	for (let i = 0; i < pages; i++) insert.run(Buffer.alloc(PAGE - 200, i % 256));
}

afterEach(async () => {
	vi.useRealTimers();
	await checkpointer?.stop();
	checkpointer = null;
	sqlite?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('startCheckpointer', () => {
	it('leaves the WAL to the worker: commits past 1,000 pages copy nothing back themselves', async () => {
		const file = openFile();
		checkpointer = startCheckpointer(sqlite, { everyMs: 0 });
		expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
		const before = statSync(file).size;

		// SQLite's default would have checkpointed in the commit that passed 1,000 pages.
		writePages(1500);
		expect(statSync(file).size).toBe(before);

		const result = await checkpointer!.checkpoint();
		expect(result.busy).toBe(0);
		expect(result.log).toBeGreaterThanOrEqual(1500);
		expect(result.checkpointed).toBe(result.log);
		expect(statSync(file).size).toBeGreaterThan(before + 1500 * (PAGE - 200));
		// What the worker copied is what this connection reads.
		expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(1500);
	});

	it('lets the WAL start again from its beginning once copied, so it does not grow', async () => {
		const file = openFile();
		checkpointer = startCheckpointer(sqlite, { everyMs: 0 });
		writePages(300);
		await checkpointer!.checkpoint();
		const wal = statSync(`${file}-wal`).size;
		for (let round = 0; round < 5; round++) {
			writePages(300);
			await checkpointer!.checkpoint();
		}
		// Six rounds without a restart would hold six rounds' pages; a round's grow a little as
		// the table's tree deepens.
		expect(statSync(`${file}-wal`).size).toBeLessThan(wal * 1.5);
		expect(sqlite.prepare('select count(*) from t').pluck().get()).toBe(1800);
	});

	it('checkpoints on its own, every tick', async () => {
		const file = openFile();
		const before = statSync(file).size;
		checkpointer = startCheckpointer(sqlite, { everyMs: 5 });
		writePages(100);
		// The next tick copies the pages back: the file grows (waited for by polling, not timed).
		await expect.poll(() => statSync(file).size, { timeout: 30_000 }).toBeGreaterThan(before);
	});

	it('lets go of the file when stopped: the last connection to close removes the WAL', async () => {
		const file = openFile();
		checkpointer = startCheckpointer(sqlite, { everyMs: 0 });
		writePages(10);
		await checkpointer!.checkpoint();
		await checkpointer!.stop();
		sqlite.close();
		expect(existsSync(`${file}-wal`)).toBe(false);
	});

	it('keeps the backstop when the worker has gone, and says it has', async () => {
		openFile();
		checkpointer = startCheckpointer(sqlite, { everyMs: 0 });
		await checkpointer!.stop();
		await expect(checkpointer!.checkpoint()).rejects.toThrow(/stopped/);
		expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
	});

	it('stops its timer when the worker has died, and says once that the backstop has taken over', async () => {
		const file = openFile();
		// The server's connection keeps the file it has open; the worker can no longer open it.
		rmSync(file);
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		const errors: string[] = [];
		checkpointer = startCheckpointer(sqlite, {
			everyMs: 10,
			onError: (error) => errors.push(error.message)
		});
		// A worker's start on a busy machine can take seconds: the poll's bound is generous.
		await expect
			.poll(() => errors.filter((m) => /checkpoints from now on/.test(m)).length, {
				timeout: 20_000
			})
			.toBe(1);
		const logged = errors.length;
		await vi.advanceTimersByTimeAsync(1000);
		expect(errors).toHaveLength(logged);
		await expect(checkpointer!.checkpoint()).rejects.toThrow(/stopped/);
		expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
	});

	it('does nothing for a database with no file', () => {
		const memory = new SQLite(':memory:');
		try {
			expect(startCheckpointer(memory)).toBeNull();
		} finally {
			memory.close();
		}
	});
});
