import { readFileSync } from 'node:fs';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * A failed journey's page, as text, in the run's own output: CI keeps only what the run prints,
 * not the screenshots, and a failure met once under load may not come again. Playwright writes
 * the page's accessibility snapshot beside a failure (its "error context"); this prints it.
 */
const MAX_LINES = 120;

export default class PageOnFailureReporter implements Reporter {
	printsToStdio() {
		return false;
	}

	onTestEnd(test: TestCase, result: TestResult) {
		if (result.status === 'passed' || result.status === 'skipped') return;
		for (const attachment of result.attachments) {
			if (attachment.name !== 'error-context' || !attachment.path) continue;
			let text: string;
			try {
				text = readFileSync(attachment.path, 'utf8');
			} catch {
				continue;
			}
			// The test's source follows the page; the list reporter shows it already.
			const lines = text
				.split(/^# Test source/m)[0]!
				.trimEnd()
				.split('\n');
			const shown = lines.slice(0, MAX_LINES).join('\n');
			const more = lines.length > MAX_LINES ? `\n… ${lines.length - MAX_LINES} more lines` : '';
			process.stdout.write(`\n── The page when “${test.title}” failed ──\n${shown}${more}\n`);
		}
	}
}
