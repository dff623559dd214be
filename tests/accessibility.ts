import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe against the page for WCAG 2.2 A and AA and expects no violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * axe cannot run in a page with JavaScript turned off, so a page rendered that way is checked
 * as served: its HTML, scripts removed, loaded at the same origin in a page that can run axe.
 */
export async function expectNoAxeViolationsAsServed(noJsPage: Page, axePage: Page): Promise<void> {
	const html = (await noJsPage.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
	const url = new URL('/__axe-snapshot', noJsPage.url()).href;
	await axePage.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
	await axePage.goto(url);
	await expectNoAxeViolations(axePage);
	await axePage.unroute(url);
}
