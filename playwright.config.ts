import { defineConfig } from '@playwright/test';
import { chromiumArgs } from './scripts/find-browser.js';
// A fresh database per run (see tests/support/paths.ts).
import { journeyServerEnv, sharedDataDir as dataDir } from './tests/support/paths';

const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
	testDir: 'tests',
	fullyParallel: false,
	workers: 1,
	forbidOnly: true,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	timeout: 30_000,
	globalSetup: './tests/support/fhir-r4-setup.ts',
	use: {
		baseURL,
		serviceWorkers: 'allow',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE,
			args: chromiumArgs
		}
	},
	webServer: {
		command: `rm -rf ${dataDir} && node build`,
		url: `${baseURL}/api/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATA_DIR: dataDir,
			...journeyServerEnv,
			// Content packs carry video: the demo briefing's pack is about 0.6 MB.
			BODY_SIZE_LIMIT: '64M'
		}
	}
});
