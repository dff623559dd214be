/** The SQLite folder of the suite's shared server (outside test-results/, which Playwright empties). */
export const sharedDataDir = '.e2e-data/run';
