// `npm run bench`: runs every bench script in turn; each prints its own figures.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { ensureBuilt } from './server.js';

ensureBuilt();
const only = process.argv[2];
// Modules the benches share, not benches themselves.
const helpers = ['index.js', 'server.js', 'seed-records.js', 'slow-link.js', 'ward-taps.js'];
for (const file of readdirSync('scripts/bench').sort()) {
	if (helpers.includes(file) || !file.endsWith('.js')) continue;
	if (only && !file.includes(only)) continue;
	console.log(`\n== ${file.replace(/\.js$/, '')}`);
	execFileSync('node', [`scripts/bench/${file}`], { stdio: 'inherit' });
}
