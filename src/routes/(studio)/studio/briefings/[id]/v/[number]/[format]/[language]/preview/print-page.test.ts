import { describe, expect, it } from 'vitest';
import { cssString, PAGE, PAGES, pageContent, printPageStyle } from './print-page';

const page = {
	paper: 'a4' as const,
	large: false,
	footer: 'Calling for help · Version 2 · Review by 1 March 2027',
	pageNumbers: `Page ${PAGE} of ${PAGES}`,
	dir: 'ltr' as const
};

describe('the printed leaflet’s page', () => {
	it('escapes typed words so they cannot leave the CSS string or the style element', () => {
		const title = 'Help"; } body { display: none } </style><script>alert(1)</script>';
		const css = printPageStyle({ ...page, footer: title });
		expect(css.match(/<\/style>/g)).toHaveLength(1);
		expect(css).not.toContain('<script');
		expect(css).not.toContain('display: none');
		expect(cssString('a"b\\c')).toBe('"a\\22 b\\5c c"');
		expect(cssString('· 2')).toBe('"\\b7  2"');
	});

	it('keeps letters of every script as they are', () => {
		expect(cssString('طلب المساعدة 7')).toBe('"طلب المساعدة 7"');
		expect(cssString('Galw am help')).toBe('"Galw am help"');
	});

	it('numbers pages with counters, in the translation’s own order', () => {
		expect(pageContent(`Page ${PAGE} of ${PAGES}`)).toBe(
			'"Page " counter(page) " of " counter(pages)'
		);
		expect(pageContent(`${PAGE}/${PAGES}`)).toBe('counter(page) "\\2f " counter(pages)');
	});

	it('sets the paper, and puts the footer at the start of the line in either direction', () => {
		expect(printPageStyle(page)).toMatch(/size: A4;.*@bottom-left \{ content: "Calling/);
		const a5 = printPageStyle({ ...page, paper: 'a5', dir: 'rtl' });
		expect(a5).toMatch(/size: A5;.*@bottom-right \{ content: "Calling/);
		expect(a5).toMatch(/@bottom-left \{ content: "Page " counter\(page\)/);
	});

	it('prints the footer larger for large print', () => {
		expect(printPageStyle(page)).toContain('font-size: 9pt');
		expect(printPageStyle({ ...page, large: true })).toContain('font-size: 12pt');
	});
});
