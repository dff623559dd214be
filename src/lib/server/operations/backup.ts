import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { z } from 'zod';
import type { Config } from '../config';
import { KEY_FILE } from '../sso/secret-box';
import type { Release } from './release';

/*
 * Backups (issue 18, item 1): a consistent copy of the database taken while the server runs, the
 * uploaded media and the single sign-on key file, into BACKUP_DIR/<name>/ with a manifest that
 * lists every file with its size and SHA-256. `restore` checks every checksum before it touches
 * anything, and restores only into an empty data folder unless told to set the old one aside.
 *
 * - SQLite: SQLite's online backup API. The server backs up through its own connection, a few
 *   pages at a time, so requests go on between steps and its own writes during the backup reach
 *   the copy too (SQLite's rule for the source connection). `npm run backup`, another process,
 *   copies every page in one step: a write from another connection restarts a backup, so a
 *   step-by-step copy might never finish beside a busy ward. Either way the copy is one
 *   consistent state at least as new as when the backup began, so every record acknowledged
 *   before then is in it.
 * - PostgreSQL: `pg_dump --format=custom`, a consistent snapshot (docs/operations.md says when a
 *   managed service's own backups are the better choice).
 * - A backup is written into `.partial-<name>` and renamed when complete: a full or unwritable
 *   disk fails it loudly, removes the partial folder and leaves every earlier backup as it was.
 *   Only after a backup succeeds are the oldest beyond BACKUP_KEEP deleted.
 */

export const MANIFEST = 'manifest.json';
const DATABASE_COPY = 'database.sqlite';
const POSTGRES_DUMP = 'database.pgdump';
const NAME = /^backup-\d{8}T\d{6}(?:\d{3})?Z$/;

const RelativePath = z
	.string()
	.min(1)
	.refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'must stay inside');

export const Manifest = z.object({
	format: z.literal(1),
	engine: z.enum(['sqlite', 'postgresql']),
	startedAt: z.iso.datetime(),
	finishedAt: z.iso.datetime(),
	release: z.object({ version: z.string(), commit: z.string().nullable() }),
	/** The newest migration in the copy: a server at least this new can open it. */
	migration: z.string().nullable(),
	files: z.array(
		z.object({
			path: RelativePath,
			bytes: z.number().int().min(0),
			sha256: z.string().regex(/^[0-9a-f]{64}$/)
		})
	)
});
export type Manifest = z.infer<typeof Manifest>;

export interface BackupResult {
	name: string;
	dir: string;
	manifest: Manifest;
	bytes: number;
	seconds: number;
	deleted: string[];
}

export type BackupSource =
	| {
			engine: 'sqlite';
			/** The server's own connection (steps between requests), or null: open the file. */
			connection: SQLite.Database | null;
	  }
	| { engine: 'postgresql' };

type Paths = Pick<Config, 'dataDir' | 'databaseFile' | 'uploadsDir' | 'databaseUrl'>;

const run = promisify(execFile);

/** backup-20261204T153000123Z: sorts by time, safe in any file system. */
export function backupName(at: Date): string {
	return `backup-${at.toISOString().replace(/[-:.]/g, '')}`;
}

export async function sha256File(file: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** Every file under `dir`, as paths relative to it; none when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
	if (!existsSync(dir)) return [];
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((e) => e.isFile())
		.map((e) => relative(dir, join(e.parentPath, e.name)))
		.sort();
}

async function copySqlite(
	source: BackupSource & { engine: 'sqlite' },
	file: string,
	to: string,
	stopped: () => boolean
) {
	if (source.connection) {
		await source.connection.backup(to, {
			progress: () => {
				if (stopped()) throw new Error('Backup stopped: the server is shutting down');
				return 100;
			}
		});
		return;
	}
	const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
	try {
		sqlite.pragma('busy_timeout = 5000');
		// After the first step, every remaining page in one: see the comment at the top.
		await sqlite.backup(to, { progress: () => 0x7fffffff });
	} finally {
		sqlite.close();
	}
}

function latestMigrationOf(file: string): string | null {
	const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
	try {
		const row = sqlite
			.prepare('select name from kysely_migration order by name desc limit 1')
			.get() as { name: string } | undefined;
		return row?.name ?? null;
	} catch {
		return null;
	} finally {
		sqlite.close();
	}
}

/** Takes one backup into `backupDir`, then deletes the oldest beyond `keep`. */
export async function takeBackup(options: {
	paths: Paths;
	source: BackupSource;
	backupDir: string;
	keep: number;
	release: Pick<Release, 'version' | 'commit'>;
	now?: () => Date;
	/** Polled between steps: true abandons the backup (the server is stopping). */
	stopped?: () => boolean;
}): Promise<BackupResult> {
	const now = options.now ?? (() => new Date());
	const started = now();
	const name = backupName(started);
	const partial = join(options.backupDir, `.partial-${name}`);
	const dir = join(options.backupDir, name);
	await mkdir(options.backupDir, { recursive: true });
	await rm(partial, { recursive: true, force: true });
	await mkdir(partial);
	try {
		const files: Manifest['files'] = [];
		const add = async (path: string) => {
			const file = join(partial, path);
			files.push({ path, bytes: (await stat(file)).size, sha256: await sha256File(file) });
		};

		let migration: string | null;
		if (options.source.engine === 'sqlite') {
			await copySqlite(
				options.source,
				options.paths.databaseFile,
				join(partial, DATABASE_COPY),
				options.stopped ?? (() => false)
			);
			migration = latestMigrationOf(join(partial, DATABASE_COPY));
			await add(DATABASE_COPY);
		} else {
			const url = options.paths.databaseUrl;
			if (!url) throw new Error('PostgreSQL backup without DATABASE_URL');
			await run('pg_dump', [
				'--format=custom',
				'--no-owner',
				'--file',
				join(partial, POSTGRES_DUMP),
				url
			]);
			migration = null;
			await add(POSTGRES_DUMP);
		}

		// Uploads are named by their content (media/storage.ts) and never change once written, so
		// copying them after the database leaves none that the copy refers to behind.
		for (const path of await filesUnder(options.paths.uploadsDir)) {
			const to = join(partial, 'uploads', path);
			await mkdir(dirname(to), { recursive: true });
			await copyFile(join(options.paths.uploadsDir, path), to);
			await add(join('uploads', path).split(sep).join('/'));
		}
		const keyFile = join(options.paths.dataDir, KEY_FILE);
		if (existsSync(keyFile)) {
			await copyFile(keyFile, join(partial, KEY_FILE));
			await add(KEY_FILE);
		}

		const manifest: Manifest = {
			format: 1,
			engine: options.source.engine,
			startedAt: started.toISOString(),
			finishedAt: now().toISOString(),
			release: { version: options.release.version, commit: options.release.commit },
			migration,
			files
		};
		await writeFile(join(partial, MANIFEST), `${JSON.stringify(manifest, null, '\t')}\n`);
		await rename(partial, dir);
		const deleted = await pruneBackups(options.backupDir, options.keep);
		return {
			name,
			dir,
			manifest,
			bytes: files.reduce((sum, f) => sum + f.bytes, 0),
			seconds: (Date.parse(manifest.finishedAt) - started.getTime()) / 1000,
			deleted
		};
	} catch (error) {
		await rm(partial, { recursive: true, force: true }).catch(() => undefined);
		throw error;
	}
}

/** The complete backups in `backupDir`, oldest first. */
export async function listBackups(backupDir: string): Promise<string[]> {
	if (!existsSync(backupDir)) return [];
	const names = (await readdir(backupDir)).filter((n) => NAME.test(n)).sort();
	return names.filter((n) => existsSync(join(backupDir, n, MANIFEST)));
}

async function pruneBackups(backupDir: string, keep: number): Promise<string[]> {
	const names = await listBackups(backupDir);
	const old = names.slice(0, Math.max(0, names.length - keep));
	for (const name of old) await rm(join(backupDir, name), { recursive: true, force: true });
	return old;
}

/** When the newest complete backup finished, or null. */
export async function lastBackupAt(backupDir: string): Promise<Date | null> {
	const names = await listBackups(backupDir);
	const newest = names.at(-1);
	if (!newest) return null;
	const manifest = Manifest.safeParse(
		JSON.parse(await readFile(join(backupDir, newest, MANIFEST), 'utf8'))
	);
	return manifest.success ? new Date(manifest.data.finishedAt) : null;
}

export class RestoreRefused extends Error {}

/** Reads the manifest and checks every file it lists; throws RestoreRefused naming the first fault. */
export async function verifyBackup(dir: string): Promise<Manifest> {
	const file = join(dir, MANIFEST);
	if (!existsSync(file)) throw new RestoreRefused(`${dir} is not a backup: it has no ${MANIFEST}`);
	let json: unknown;
	try {
		json = JSON.parse(await readFile(file, 'utf8'));
	} catch {
		throw new RestoreRefused(`${MANIFEST} is not valid JSON`);
	}
	const parsed = Manifest.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new RestoreRefused(`${MANIFEST}: ${issue?.path.join('.')}: ${issue?.message}`);
	}
	for (const f of parsed.data.files) {
		const path = join(dir, f.path);
		if (!existsSync(path)) throw new RestoreRefused(`${f.path} is missing from the backup`);
		const [size, hash] = [(await stat(path)).size, await sha256File(path)];
		if (size !== f.bytes || hash !== f.sha256)
			throw new RestoreRefused(`${f.path} does not match its checksum: the backup is damaged`);
	}
	return parsed.data;
}

/** What in the data folder a restore would replace: the database, uploads, the key file. */
async function existingData(paths: Paths): Promise<string[]> {
	const found: string[] = [];
	for (const suffix of ['', '-wal', '-shm'])
		if (existsSync(paths.databaseFile + suffix)) found.push(paths.databaseFile + suffix);
	if ((await filesUnder(paths.uploadsDir)).length) found.push(paths.uploadsDir);
	const keyFile = join(paths.dataDir, KEY_FILE);
	if (existsSync(keyFile)) found.push(keyFile);
	return found;
}

async function postgresHasTables(url: string): Promise<boolean> {
	const { stdout } = await run('psql', [
		url,
		'-qAtc',
		"select count(*) from information_schema.tables where table_schema = 'public'"
	]);
	return Number(stdout.trim()) > 0;
}

/**
 * Restores the backup in `dir`. Nothing is touched until every checksum matches. The data folder
 * must hold no database, uploads or key file, unless `force`: then they are moved aside into
 * `<DATA_DIR>/before-restore-<time>/` (SQLite), never deleted.
 */
export async function restoreBackup(
	dir: string,
	paths: Paths,
	options: { force?: boolean; now?: Date } = {}
): Promise<{ manifest: Manifest; setAside: string | null }> {
	const manifest = await verifyBackup(resolve(dir));
	const engine = paths.databaseUrl ? 'postgresql' : 'sqlite';
	if (manifest.engine !== engine)
		throw new RestoreRefused(
			`This backup is of a ${manifest.engine} database; the configuration names ${engine}`
		);

	let setAside: string | null = null;
	const existing = await existingData(paths);
	const pgNotEmpty = paths.databaseUrl ? await postgresHasTables(paths.databaseUrl) : false;
	if ((existing.length || pgNotEmpty) && !options.force)
		throw new RestoreRefused(
			`The data folder is not empty (${[...existing, ...(pgNotEmpty ? ['the PostgreSQL database has tables'] : [])].join(', ')}): restore into an empty one, or add --force to ${pgNotEmpty ? 'replace the tables (and set any files aside)' : 'set the present data aside'}`
		);
	if (existing.length) {
		setAside = join(
			paths.dataDir,
			`before-restore-${backupName(options.now ?? new Date()).slice(7)}`
		);
		await mkdir(setAside, { recursive: true });
		for (const path of existing) {
			const target = join(setAside, relative(paths.dataDir, path) || 'database');
			await mkdir(dirname(target), { recursive: true });
			await rename(path, target);
		}
	}

	const files = manifest.files;
	for (const f of files.filter((f) => f.path.startsWith('uploads/'))) {
		const to = join(paths.uploadsDir, f.path.slice('uploads/'.length));
		await mkdir(dirname(to), { recursive: true });
		await copyFile(join(dir, f.path), to);
	}
	if (files.some((f) => f.path === KEY_FILE)) {
		await mkdir(paths.dataDir, { recursive: true });
		await copyFile(join(dir, KEY_FILE), join(paths.dataDir, KEY_FILE));
	}
	if (manifest.engine === 'sqlite') {
		// Copied beside, then renamed: a stop part way never leaves half a database in place.
		await mkdir(dirname(paths.databaseFile), { recursive: true });
		const temporary = `${paths.databaseFile}.restoring`;
		await copyFile(join(dir, DATABASE_COPY), temporary);
		const check = new SQLite(temporary, { readonly: true });
		try {
			const result = check.pragma('quick_check', { simple: true });
			if (result !== 'ok')
				throw new RestoreRefused(`The restored database fails its check: ${result}`);
		} finally {
			check.close();
		}
		await rename(temporary, paths.databaseFile);
	} else {
		if (pgNotEmpty)
			await run('pg_restore', [
				'--clean',
				'--if-exists',
				'--no-owner',
				'--dbname',
				paths.databaseUrl!,
				join(dir, POSTGRES_DUMP)
			]);
		else
			await run('pg_restore', [
				'--no-owner',
				'--dbname',
				paths.databaseUrl!,
				join(dir, POSTGRES_DUMP)
			]);
	}
	return { manifest, setAside };
}

/**
 * BACKUP_EVERY: the server takes a backup this often (the first one interval after it starts),
 * one at a time. Returns a function that stops the schedule and waits for a backup in progress
 * to give up (its partial folder removed).
 */
export function scheduleBackups(options: {
	config: Config;
	connection: SQLite.Database | null;
	release: Pick<Release, 'version' | 'commit'>;
	log: (line: string) => void;
	onResult?: (result: { ok: true; backup: BackupResult } | { ok: false; error: Error }) => void;
}): () => Promise<void> {
	const { config } = options;
	const everyMs = config.backup.everyMs;
	if (everyMs === null) return async () => undefined;
	let stopping = false;
	let running: Promise<void> | null = null;
	const source: BackupSource = config.databaseUrl
		? { engine: 'postgresql' }
		: { engine: 'sqlite', connection: options.connection };
	const once = async () => {
		try {
			const backup = await takeBackup({
				paths: config,
				source,
				backupDir: config.backup.dir,
				keep: config.backup.keep,
				release: options.release,
				stopped: () => stopping
			});
			options.log(
				`Backup ${backup.name}: ${backup.manifest.files.length} files, ${backup.bytes} bytes in ${backup.seconds.toFixed(1)} s`
			);
			options.onResult?.({ ok: true, backup });
		} catch (error) {
			options.log(`Backup FAILED: ${(error as Error).message}`);
			options.onResult?.({ ok: false, error: error as Error });
		}
	};
	const timer = setInterval(() => {
		if (running || stopping) return;
		running = once().finally(() => (running = null));
	}, everyMs).unref();
	return async () => {
		stopping = true;
		clearInterval(timer);
		await running;
	};
}
