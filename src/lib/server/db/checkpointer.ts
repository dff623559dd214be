import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/*
 * The server's SQLite checkpoints, off the request path (issue #16, ingestion).
 *
 * In WAL mode a commit appends its pages to the WAL; a checkpoint copies them back into the
 * database file. By default the commit that takes the WAL past 1,000 pages runs the checkpoint
 * itself, and better-sqlite3 is synchronous: that commit, and with it every request the server
 * holds, waits while thousands of pages are written and the file is synced. A sync batch's
 * patient links land on pages all over their (random-keyed) index, so a catch-up checkpointed
 * every few batches, and the commits took more than half of the server's time in SQLite
 * (docs/figures.md, ingestion).
 *
 * So the server copies them from a connection of its own in a worker thread, which SQLite allows
 * beside a writer (a PASSIVE checkpoint never blocks one): every CHECK_EVERY_MS, on the other
 * core, while the server goes on answering. The server's own connection keeps an automatic
 * checkpoint only as a backstop (BACKSTOP_PAGES), should the worker fall behind or stop: the WAL
 * stays bounded whatever happens to it.
 *
 * Durability is unchanged: each commit still waits for the WAL to reach the disk
 * (`synchronous = FULL`, database.ts); a checkpoint only moves what the WAL already holds.
 */

/**
 * How often the worker copies the WAL back (the server's default; SQLITE_CHECKPOINT_EVERY_MS,
 * config.ts): under the ingestion bench's load ~24 MB a time, well below the backstop. Every
 * 200 ms ingested as fast, but synced the file five times as often at a trickle of writes.
 */
export const CHECK_EVERY_MS = 1000;

/** The server's own automatic checkpoint, past this many WAL pages (40 MB): a backstop only. */
export const BACKSTOP_PAGES = 10_000;

/**
 * The worker, as source (a worker thread needs a file or source of its own, and the server is
 * bundled): one connection, and a PASSIVE checkpoint for each message, answered with SQLite's
 * own result. A checkpoint that meets another (a backup's, say) reports busy, and the next tick
 * tries again.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 0');
parentPort.on('message', (message) => {
	if (message === 'close') {
		db.close();
		parentPort.close();
		return;
	}
	try {
		const [result] = db.pragma('wal_checkpoint(PASSIVE)');
		parentPort.postMessage({ ok: true, result });
	} catch (error) {
		parentPort.postMessage({ ok: false, error: String(error && error.message || error) });
	}
});
`;

/** SQLite's answer to a checkpoint: whether it met another, the WAL's pages, those copied. */
export interface CheckpointResult {
	busy: number;
	log: number;
	checkpointed: number;
}

export interface Checkpointer {
	/** Copies the WAL back now; resolves with SQLite's result (one at a time, shared). */
	checkpoint(): Promise<CheckpointResult>;
	/** Stops the timer and closes the worker's connection; resolves once the worker has gone. */
	stop(): Promise<void>;
}

/**
 * Starts checkpointing `sqlite`'s file in a worker thread, and makes `sqlite`'s own automatic
 * checkpoint the backstop. Null for a database with no file (`:memory:`). `everyMs` 0: no timer
 * (a test calls `checkpoint()` itself). A failed checkpoint goes to `onError` and the next tick
 * tries again.
 */
export function startCheckpointer(
	sqlite: SQLite.Database,
	{
		everyMs = CHECK_EVERY_MS,
		onError = () => {}
	}: { everyMs?: number; onError?: (error: Error) => void } = {}
): Checkpointer | null {
	if (sqlite.memory) return null;
	sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		workerData: {
			file: sqlite.name,
			driver: createRequire(import.meta.url).resolve('better-sqlite3')
		}
	});
	// A server on its way out does not wait for this thread, nor for its timer.
	worker.unref();
	let inFlight: Promise<CheckpointResult> | null = null;
	let waiting: ((answer: Answer) => void) | null = null;
	let stopped = false;
	let gone = false;
	type Answer = { ok: true; result: CheckpointResult } | { ok: false; error: string };
	let timer: ReturnType<typeof setInterval> | null = null;
	worker.on('message', (answer: Answer) => waiting?.(answer));
	worker.on('error', onError);
	/*
	 * A worker that failed to start, or died, answers nothing again: whoever waits is told, the
	 * timer stops (a failure every tick would fill the log), and the log says once what happens
	 * now: the backstop checkpoints from then on.
	 */
	const exited = new Promise<void>((resolve) =>
		worker.once('exit', () => {
			gone = true;
			if (timer) clearInterval(timer);
			waiting?.({ ok: false, error: 'the checkpoint worker has stopped' });
			if (!stopped)
				onError(
					new Error(
						`The checkpoint worker has stopped: the server's own connection checkpoints from now on, past ${BACKSTOP_PAGES} WAL pages`
					)
				);
			resolve();
		})
	);

	function checkpoint(): Promise<CheckpointResult> {
		if (stopped || gone) return Promise.reject(new Error('The checkpoint worker has stopped'));
		inFlight ??= new Promise<CheckpointResult>((resolve, reject) => {
			waiting = (answer) => {
				waiting = null;
				inFlight = null;
				if (answer.ok) resolve(answer.result);
				else reject(new Error(`WAL checkpoint failed: ${answer.error}`));
			};
			worker.postMessage('checkpoint');
		});
		return inFlight;
	}

	if (everyMs > 0)
		timer = setInterval(() => {
			if (!inFlight) checkpoint().catch(onError);
		}, everyMs).unref();

	return {
		checkpoint,
		async stop() {
			if (stopped) return;
			stopped = true;
			if (timer) clearInterval(timer);
			await inFlight?.catch(() => undefined);
			if (!gone) worker.postMessage('close');
			await exited;
		}
	};
}
