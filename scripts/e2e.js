// Browser tests: find a browser, build the app, then run Playwright against the built server.
import { execFileSync } from 'node:child_process';
import { findChromium } from './find-browser.js';

const executable = findChromium({ install: true });
const env = { ...process.env };
if (executable) env.PLAYWRIGHT_CHROMIUM_EXECUTABLE = executable;

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', env });
try {
	run('npx', ['vite', 'build', '--logLevel', 'warn']);
	run('npx', ['playwright', 'test', ...process.argv.slice(2)]);
} catch (error) {
	process.exit(typeof error.status === 'number' ? error.status : 1);
}
