/*
 * The printed leaflet's page: its paper and margins, and a running footer in the page's
 * bottom margin boxes (CSS Paged Media: Chromium 131 and later print them; other browsers print
 * the leaflet without them and keep its in-flow "about this leaflet" box at the end). Margin
 * boxes take only CSS strings and counters, so the leaflet's own words are put into a CSS
 * string here, escaped so they can never end the string, the rule or the <style> element.
 */

/** Where the page numbers go in a translated "Page {{page}} of {{pages}}". */
export const PAGE = '\uE000';
export const PAGES = '\uE001';

/**
 * A CSS string of any text: all but letters, digits and spaces as hex escapes, each ended by
 * the one space CSS takes as the end of an escape (so a space that follows is kept).
 */
export function cssString(text: string): string {
	const escaped = [...text]
		.map((c) => (/[\p{L}\p{N} ]/u.test(c) ? c : `\\${(c.codePointAt(0) ?? 0).toString(16)} `))
		.join('');
	return `"${escaped}"`;
}

/** A `content` value from translated text with PAGE and PAGES marking the page counters. */
export function pageContent(text: string): string {
	return text
		.split(new RegExp(`(${PAGE}|${PAGES})`, 'u'))
		.filter(Boolean)
		.map((part) =>
			part === PAGE ? 'counter(page)' : part === PAGES ? 'counter(pages)' : cssString(part)
		)
		.join(' ');
}

export interface PrintPage {
	paper: 'a4' | 'a5';
	large: boolean;
	/** The footer's words: the leaflet's title, version and dates. */
	footer: string;
	/** "Page 1 of 2", with PAGE and PAGES for the counters. */
	pageNumbers: string;
	/** The leaflet's direction: the footer starts on the right of a right-to-left leaflet. */
	dir: 'ltr' | 'rtl';
}

/** The `<style>` element for a printed leaflet's pages. */
export function printPageStyle(page: PrintPage): string {
	const a5 = page.paper === 'a5';
	// The bottom margin holds the footer: two lines of it in large print.
	const bottom = (a5 ? 18 : 22) + (page.large ? 8 : 0);
	const margin = a5 ? `12mm 12mm ${bottom}mm` : `16mm 18mm ${bottom}mm`;
	const size = page.large ? 12 : a5 ? 8 : 9;
	const [start, end] = page.dir === 'rtl' ? ['right', 'left'] : ['left', 'right'];
	const box = `font-family: arial, sans-serif; font-size: ${size}pt; color: #4c6272; vertical-align: top; padding-top: 3mm; border-top: 1px solid #005eb8;`;
	return (
		`<style>@page { size: ${a5 ? 'A5' : 'A4'}; margin: ${margin};` +
		` @bottom-${start} { content: ${cssString(page.footer)}; ${box} text-align: ${start}; width: 75%; }` +
		` @bottom-${end} { content: ${pageContent(page.pageNumbers)}; ${box} text-align: ${end}; }` +
		` }</style>`
	);
}
