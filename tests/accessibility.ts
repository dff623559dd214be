import { expect, type Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/*
 * axe is the costliest step of many journeys, so it is run cheaply, without checking less:
 * - axe-core is put into a page once per document, and run there with `axe.run`. (The
 *   @axe-core/playwright builder sent its 580 KB source twice a check and finished every check
 *   in a blank page of its own: about 0.7–1.0 s a check, against 0.1–0.3 s this way. Its one
 *   gain, checking cross-origin frames, serves nothing here: no page of the app has a frame.)
 * - only violations are reported in full (passes and incomplete results keep one node each);
 * - a page state already checked in this page (same address, viewport, scroll, media features,
 *   form control values and DOM) is not checked again: axe's answer on it cannot differ. Any
 *   change to the DOM, even a class or an attribute, is a new state and is checked.
 */

const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/** Every WCAG 2.0–2.2 A and AA rule, and axe's best practices (landmarks, heading order). */
const options: RunOptions = {
	runOnly: {
		type: 'tag',
		values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']
	},
	resultTypes: ['violations']
};

const checked = new WeakMap<Page, Set<string>>();

/** The page's state as axe sees it, hashed in the page, and whether axe is in it already. */
function pageState(page: Page): Promise<{ state: string; hasAxe: boolean }> {
	return page.evaluate(async () => {
		const media = [
			'(prefers-color-scheme: dark)',
			'(forced-colors: active)',
			'(prefers-contrast: more)'
		]
			.map((query) => (matchMedia(query).matches ? '1' : '0'))
			.join('');
		const text = [
			location.href,
			innerWidth,
			innerHeight,
			devicePixelRatio,
			media,
			scrollX,
			scrollY,
			document.readyState,
			// Form controls' current values and states are properties, not in the HTML.
			Array.from(
				document.querySelectorAll<HTMLInputElement>('input, select, textarea'),
				(control) => `${control.value}|${control.checked}`
			).join('\u0001'),
			document.documentElement.outerHTML
		].join('\n');
		const hasAxe = 'axe' in window;
		// crypto.subtle is only in secure contexts (every page here is 127.0.0.1 or localhost).
		if (!crypto.subtle) return { state: text, hasAxe };
		const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
		const state = Array.from(new Uint8Array(digest), (byte) =>
			byte.toString(16).padStart(2, '0')
		).join('');
		return { state, hasAxe };
	});
}

/** Runs axe against the page for WCAG 2.2 A and AA and expects no violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const { state, hasAxe } = await pageState(page);
	const seen = checked.get(page) ?? new Set<string>();
	checked.set(page, seen);
	if (seen.has(state)) return;
	if (!hasAxe) await page.evaluate(axeSource);
	const summary = await page.evaluate(async (options) => {
		const { axe } = window as unknown as { axe: { run: typeof import('axe-core').run } };
		const results: AxeResults = await axe.run(document, options);
		return results.violations.map(
			(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
		);
	}, options);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
	seen.add(state);
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

/** axe finds nothing on the page in English, then in Arabic (mirrored), and it is left in English. */
export async function expectAccessibleInEnglishAndArabic(page: Page) {
	await expectNoAxeViolations(page);
	const url = new URL(page.url());
	url.searchParams.set('lang', 'ar');
	await page.goto(url.href);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expectNoAxeViolations(page);
	url.searchParams.set('lang', 'en');
	await page.goto(url.href);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}
