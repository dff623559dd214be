// `npm run admin -- <command>`: the operator's commands (src/lib/server/cli/), built as
// scripts/cli-build.js explains. `--build` only builds them into build/cli/ (`npm run build`).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli, runCli } from './cli-build.js';

if (process.argv[2] === '--build') {
	await buildCli(join(dirname(fileURLToPath(import.meta.url)), '../build/cli'));
} else {
	await runCli('admin');
}
