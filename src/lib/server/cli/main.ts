/*
 * The entry point of `npm run admin` (scripts/admin.js builds it with Vite into build/cli/):
 * opens the server's database from the same environment (DATA_DIR, DATABASE_FILE or DATABASE_URL), applies any
 * migration not yet applied, runs one command and exits with its code.
 */
import { readConfig } from '../config';
import { migrate, openConfigured } from '../db/database';
import { readRelease } from '../operations/release';
import { backupCommands, runBackupCommand } from './backup-commands';
import { runCommand } from './commands';

async function main(): Promise<number> {
	let config;
	try {
		config = readConfig(process.env);
	} catch (error) {
		console.error((error as Error).message);
		return 2;
	}
	const args = process.argv.slice(2);
	if (backupCommands.has(args[0] ?? ''))
		return runBackupCommand(args, {
			config,
			release: readRelease(process.env),
			out: (line) => console.log(line),
			err: (line) => console.error(line)
		});
	const db = openConfigured(config);
	try {
		await migrate(db);
		return await runCommand(args, {
			db,
			origin: process.env.ORIGIN ?? null,
			out: (line) => console.log(line),
			err: (line) => console.error(line)
		});
	} finally {
		await db.destroy();
	}
}

process.exitCode = await main();
