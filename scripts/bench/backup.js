// `npm run backup` and `npm run restore` at scale (issue 18): the demo organisation plus
// 1,000,000 delivery records (with their feedback and admissions, seed-records.js) in the SQLite
// file, backed up by the real command while the server runs on it, then restored into an empty
// folder. Prints the time and size of each. `node scripts/bench/backup.js 100000` seeds fewer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORDS as DEFAULT_RECORDS, seedRecords } from './seed-records.js';
import { startServer } from './server.js';

const PORT = 4307;
const RECORDS = Number(process.argv[2] ?? DEFAULT_RECORDS);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-backup-'));
const backupDir = mkdtempSync(join(tmpdir(), 'bench-backups-'));
const restored = mkdtempSync(join(tmpdir(), 'bench-restored-'));
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const load = () => `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`;
const timed = (args, env) => {
	const started = process.hrtime.bigint();
	const out = execFileSync('node', ['scripts/admin.js', ...args], {
		encoding: 'utf8',
		env: { ...process.env, ...env }
	});
	return { out, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
};
try {
	await (await startServer(PORT, { DATA_DIR: dataDir })).stop();
	const file = join(dataDir, 'toolkit.sqlite');
	seedRecords(file, RECORDS);
	const server = await startServer(PORT, { DATA_DIR: dataDir });
	try {
		const size = statSync(file).size;
		console.log(`(${load()} before the backup)`);
		const backup = timed(['backup'], { DATA_DIR: dataDir, BACKUP_DIR: backupDir });
		const bytes = Number(/ (\d+) bytes/.exec(backup.out)?.[1]);
		console.log(
			`backup of ${RECORDS.toLocaleString('en-GB')} records (database ${mb(size)}) while the server runs: ${backup.seconds.toFixed(1)} s, ${mb(bytes)} (the command's own build included)`
		);
	} finally {
		await server.stop();
	}
	const [name] = readdirSync(backupDir);
	const restore = timed(['restore', join(backupDir, name)], { DATA_DIR: restored });
	console.log(
		`restore into an empty folder, every checksum checked first: ${restore.seconds.toFixed(1)} s (${load()} after)`
	);
} finally {
	for (const dir of [dataDir, backupDir, restored]) rmSync(dir, { recursive: true, force: true });
}
