import { parseArgs } from 'node:util';
import type { Config } from '../config';
import { RestoreRefused, restoreBackup, takeBackup } from '../operations/backup';
import type { Release } from '../operations/release';

/*
 * `npm run backup` and `npm run restore -- <backup> [--force]`: run beside the server, against
 * the same configuration (DATA_DIR, DATABASE_URL, BACKUP_DIR, BACKUP_KEEP). They do not open the
 * database through the app: a restore must find the data folder as it is, and a backup reads the
 * file with a connection of its own (operations/backup.ts). Exit codes: 0 done, 1 failed or
 * refused, 2 bad usage.
 */

export interface BackupCommandContext {
	config: Config;
	release: Pick<Release, 'version' | 'commit'>;
	out: (line: string) => void;
	err: (line: string) => void;
}

export const backupCommands = new Set(['backup', 'restore']);

const usage = `Usage: npm run backup                     a backup into BACKUP_DIR, keeping BACKUP_KEEP
       npm run restore -- <backup folder> [--force]
                                         restores into an empty data folder; --force sets the
                                         present database, uploads and key file aside first`;

export async function runBackupCommand(args: string[], ctx: BackupCommandContext): Promise<number> {
	const [command, ...rest] = args;
	let values: { force?: boolean; help?: boolean };
	let positionals: string[];
	try {
		({ values, positionals } = parseArgs({
			args: rest,
			options: { force: { type: 'boolean' }, help: { type: 'boolean' } },
			strict: true,
			allowPositionals: true
		}));
	} catch (error) {
		ctx.err(`${(error as Error).message}\n\n${usage}`);
		return 2;
	}
	if (values.help) {
		ctx.out(usage);
		return 0;
	}
	if (command === 'backup') {
		if (positionals.length || values.force) {
			ctx.err(usage);
			return 2;
		}
		try {
			const result = await takeBackup({
				paths: ctx.config,
				source: ctx.config.databaseUrl
					? { engine: 'postgresql' }
					: { engine: 'sqlite', connection: null },
				backupDir: ctx.config.backup.dir,
				keep: ctx.config.backup.keep,
				release: ctx.release
			});
			ctx.out(
				`Backed up to ${result.dir}: ${result.manifest.files.length} files, ${result.bytes} bytes, in ${result.seconds.toFixed(1)} s`
			);
			if (result.deleted.length) ctx.out(`Deleted older backups: ${result.deleted.join(', ')}`);
			return 0;
		} catch (error) {
			ctx.err(`Backup FAILED, earlier backups are untouched: ${(error as Error).message}`);
			return 1;
		}
	}
	if (positionals.length !== 1) {
		ctx.err(`restore needs the backup's folder\n\n${usage}`);
		return 2;
	}
	try {
		const { manifest, setAside } = await restoreBackup(positionals[0]!, ctx.config, {
			force: values.force
		});
		if (setAside) ctx.out(`The data that was there is set aside in ${setAside}`);
		ctx.out(
			`Restored the backup of ${manifest.finishedAt} (${manifest.files.length} files, version ${manifest.release.version}). Start the server to use it.`
		);
		return 0;
	} catch (error) {
		ctx.err(
			error instanceof RestoreRefused
				? `Restore refused, nothing was changed: ${error.message}`
				: `Restore FAILED: ${(error as Error).message}`
		);
		return 1;
	}
}
