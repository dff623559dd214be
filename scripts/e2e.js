// Browser tests: find a browser, build the app, then run Playwright against the built server.
// With TEST_DATABASE_URL (CI sets it), chosen journeys then run again on PostgreSQL with two app
// servers behind a round-robin proxy (playwright.postgres.config.ts).
import { execFileSync } from 'node:child_process';
import { findChromium } from './find-browser.js';

const executable = findChromium({ install: true, headlessShell: true });
const env = { ...process.env };
if (executable) env.PLAYWRIGHT_CHROMIUM_EXECUTABLE = executable;
const files = process.argv.slice(2);

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', env });
try {
	run('npx', ['vite', 'build', '--logLevel', 'warn']);
	run('npx', ['playwright', 'test', ...files]);
	if (!env.TEST_DATABASE_URL)
		console.log('PostgreSQL journeys not run: TEST_DATABASE_URL names no PostgreSQL server.');
	else if (files.length)
		console.log('PostgreSQL journeys not run: only the journeys named were asked for.');
	else {
		const started = Date.now();
		run('npx', ['playwright', 'test', '--config', 'playwright.postgres.config.ts']);
		const seconds = Math.round((Date.now() - started) / 1000);
		console.log(
			`PostgreSQL journeys (two app servers behind a proxy): ${Math.floor(seconds / 60)} min ${seconds % 60} s`
		);
	}
} catch (error) {
	process.exit(typeof error.status === 'number' ? error.status : 1);
}
