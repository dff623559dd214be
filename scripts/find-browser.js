// Finds a Chromium for the browser tests, in this order: PLAYWRIGHT_CHROMIUM_EXECUTABLE,
// /usr/bin/chromium, Debian's chromium installed with apt-get (when running as root), and
// last Playwright's own browser (downloaded by `playwright install`, where that is allowed).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless Chromium on a closed network (see TOOLCHAIN.md). */
export const chromiumArgs = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** @returns {string | undefined} a path, or undefined for Playwright's own browser */
export function findChromium({ install = false } = {}) {
	const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
	if (fromEnv) {
		if (!existsSync(fromEnv))
			throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${fromEnv} does not exist`);
		return fromEnv;
	}
	if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
	if (!install) return undefined;
	if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
		console.log('Installing Debian chromium for the browser tests (apt-get)…');
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
		execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		});
		if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
	}
	console.log("Installing Playwright's own Chromium…");
	execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
	return undefined;
}
