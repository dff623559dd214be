// Renders the PNG app icons from the SVGs in static/icons with the system Chromium.
// Run again after changing an SVG: node scripts/make-icons.js
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { findChromium } from './find-browser.js';

const jobs = [
	['favicon.svg', 'icon-180.png', 180],
	['favicon.svg', 'icon-192.png', 192],
	['favicon.svg', 'icon-512.png', 512],
	['maskable.svg', 'maskable-512.png', 512]
];

const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [svg, png, size] of jobs) {
	const markup = readFileSync(`static/icons/${svg}`, 'utf8');
	await page.setViewportSize({ width: size, height: size });
	await page.setContent(
		`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${markup}`
	);
	await page.screenshot({ path: `static/icons/${png}`, omitBackground: true });
}
await browser.close();
