// Finds a Chromium for the browser tests, in this order: PLAYWRIGHT_CHROMIUM_EXECUTABLE; for the
// journeys, Debian's Chromium headless shell (/usr/bin/chromium-headless-shell); Debian's full
// Chromium (/usr/bin/chromium); either installed with apt-get (when running as root); and last
// Playwright's own browser (downloaded by `playwright install`, where that is allowed).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/*
 * Chromium's headless shell: the same Blink, V8, service workers and IndexedDB, without the
 * browser's own interface. It is what Playwright itself runs for headless tests. The full
 * browser run headless still builds its interface for every window: each new page started
 * renderers for the browser's own WebUI, and the journeys took 1.7 times as long
 * (docs/testing.md).
 */
const SYSTEM_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

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

/**
 * @param {{ install?: boolean, headlessShell?: boolean }} options `headlessShell`: prefer the
 *   headless shell (the journeys); without it, the full browser (benches, icons)
 * @returns {string | undefined} a path, or undefined for Playwright's own browser
 */
export function findChromium({ install = false, headlessShell = false } = {}) {
	const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
	if (fromEnv) {
		if (!existsSync(fromEnv))
			throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${fromEnv} does not exist`);
		return fromEnv;
	}
	const [wanted, pkg] = headlessShell
		? [SYSTEM_HEADLESS_SHELL, 'chromium-headless-shell']
		: [SYSTEM_CHROMIUM, 'chromium'];
	if (existsSync(wanted)) return wanted;
	if (install && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
		console.log(`Installing Debian ${pkg} for the browser tests (apt-get)…`);
		try {
			execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
			execFileSync('apt-get', ['install', '-y', '-qq', pkg], {
				stdio: 'inherit',
				env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
			});
		} catch (error) {
			console.log(`apt-get could not install ${pkg}: ${error.message}`);
		}
		if (existsSync(wanted)) return wanted;
	}
	// The full browser serves the journeys too, only more slowly.
	if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
	if (!install) return undefined;
	console.log("Installing Playwright's own Chromium…");
	execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
	return undefined;
}
