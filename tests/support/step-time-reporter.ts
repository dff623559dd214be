import type { Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';

/**
 * Where the journeys' time goes, by kind of step: `npx playwright test
 * --reporter=list,./tests/support/step-time-reporter.ts` prints, at the end, the seconds and
 * count of each kind of outermost Playwright call, expectation and hook (a step inside another
 * is counted in it), summed over every journey, then the slowest journeys. docs/testing.md has
 * what it showed.
 */
const COUNTED = new Set(['pw:api', 'expect', 'fixture', 'hook']);

export default class StepTimeReporter implements Reporter {
	#kinds = new Map<string, { count: number; ms: number }>();
	#journeys: Array<{ title: string; ms: number }> = [];

	printsToStdio() {
		return true;
	}

	onStepEnd(_test: TestCase, _result: TestResult, step: TestStep) {
		if (!COUNTED.has(step.category)) return;
		for (let parent = step.parent; parent; parent = parent.parent)
			if (COUNTED.has(parent.category)) return;
		// "Fill \"…\" getByLabel(…)" → "Fill" (never what was typed); "Expect \"toBeVisible\"" →
		// "toBeVisible".
		const name = step.title
			.replace(/^Expect\s+"([^"]*)".*$/s, '$1')
			.replace(/\(.*$/s, '')
			.replace(/"[^"]*"/g, '')
			.trim()
			.split(/\s+/)
			.slice(0, step.category === 'pw:api' ? 3 : 1)
			.join(' ');
		const key = `${step.category}: ${name}`;
		const kind = this.#kinds.get(key) ?? { count: 0, ms: 0 };
		kind.count += 1;
		kind.ms += step.duration;
		this.#kinds.set(key, kind);
	}

	onTestEnd(test: TestCase, result: TestResult) {
		const file = test.location.file.split('/').pop();
		this.#journeys.push({ title: `${file} › ${test.title}`, ms: result.duration });
	}

	onEnd() {
		const seconds = (ms: number) => (ms / 1000).toFixed(1).padStart(8);
		const total = this.#journeys.reduce((sum, journey) => sum + journey.ms, 0);
		const lines = [
			`\n${this.#journeys.length} journeys, their own times add up to ${seconds(total)} s`
		];
		for (const [key, kind] of [...this.#kinds].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
			lines.push(`${seconds(kind.ms)} s ${String(kind.count).padStart(6)} × ${key}`);
		lines.push('\nThe slowest journeys:');
		for (const journey of this.#journeys.sort((a, b) => b.ms - a.ms).slice(0, 15))
			lines.push(`${seconds(journey.ms)} s  ${journey.title}`);
		console.log(lines.join('\n'));
	}
}
