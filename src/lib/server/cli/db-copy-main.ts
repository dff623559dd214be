/*
 * The entry point of `npm run db:copy` (scripts/db-copy.js builds it with Vite, as the admin
 * commands): copies an SQLite install into PostgreSQL (db-copy.ts) and exits with its code.
 */
import { runDbCopy } from './db-copy';

process.exitCode = await runDbCopy(process.argv.slice(2), {
	out: (line) => console.log(line),
	err: (line) => console.error(line)
});
