import { defineConfig } from '@playwright/test';
import { chromiumArgs } from './scripts/find-browser.js';
// One server per worker, each on a fresh database of its own (see tests/support/paths.ts).
import {
	journeyDataDir,
	journeyPort,
	journeyServerEnv,
	journeyWorkers,
	workerSlot
} from './tests/support/paths';

/*
 * Journeys of online-only staff work (the studio, administration, sign-in, the API's refusals)
 * run with the service worker blocked: installing it and its precache costs each new browser
 * context about as much CPU as the rest of a short journey, and those pages never use it. Every
 * journey whose subject is the ward tablet or the patient's phone runs with the real worker, and
 * offline-shell.spec.ts proves what it keeps.
 */
const ONLINE_ONLY =
	/\/(?:studio-[a-z-]+|lead-sees-studio|measurement(?:-demo)?|platform-admin|admin-staff|sso|reviewer-disclosure|roles-and-api|entry-points(?:-fuzz)?|isolation|sign-in|reverse-proxy)\.spec\.ts$/;

const origin = (index: number) => `http://127.0.0.1:${journeyPort(index)}`;
const slots = Array.from({ length: journeyWorkers }, (_, index) => index);

export default defineConfig({
	testDir: 'tests',
	// Two app servers on PostgreSQL: playwright.postgres.config.ts runs it.
	testIgnore: ['**/two-servers-postgres.spec.ts'],
	// Files are shared out among the workers; a file's tests run in order, in one worker.
	fullyParallel: false,
	workers: journeyWorkers,
	forbidOnly: true,
	retries: 0,
	// A failure's page is printed too: CI keeps the run's output, not its screenshots.
	reporter: [['list'], ['./tests/support/page-on-failure-reporter.ts']],
	// Generous: CI's two cores may be busy with other work; a passing step never waits for these.
	// Doubled (and every journey's own bound with it) after a 66 s journey took 96 s beside a build
	// and another journey run: an upper bound only costs time when something has already failed.
	timeout: 120_000,
	expect: { timeout: 10_000 },
	globalSetup: './tests/support/fhir-r4-setup.ts',
	use: {
		// A click or fill waits this long for its element, then fails naming it, where with no bound
		// it waited out the journey's whole timeout (up to 15 min) for a page that had moved on.
		actionTimeout: 30_000,
		// Evaluated again in each worker, where the slot is known: each talks to its own server.
		baseURL: origin(workerSlot),
		serviceWorkers: 'allow',
		// Recording a trace costs every test CPU even when it passes: off for full runs, a screenshot
		// of a failure kept. PW_TRACE=1 records them again (kept for failures) when debugging.
		trace: process.env.PW_TRACE ? 'retain-on-failure' : 'off',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE,
			args: chromiumArgs
		}
	},
	projects: [
		{ name: 'with-worker', testIgnore: [ONLINE_ONLY, '**/two-servers-postgres.spec.ts'] },
		{ name: 'online-only', testMatch: ONLINE_ONLY, use: { serviceWorkers: 'block' } }
	],
	webServer: slots.map((index) => ({
		command: `rm -rf ${journeyDataDir(index)} && node build`,
		url: `${origin(index)}/api/health`,
		reuseExistingServer: false,
		timeout: 120_000,
		env: {
			PORT: String(journeyPort(index)),
			HOST: '127.0.0.1',
			ORIGIN: origin(index),
			DATA_DIR: journeyDataDir(index),
			...journeyServerEnv,
			// Content packs carry video: the demo briefing's pack is about 0.6 MB.
			BODY_SIZE_LIMIT: '64M'
		}
	}))
});
