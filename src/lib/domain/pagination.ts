import { z } from 'zod';

/**
 * The page links of a numbered list, as the NHS pagination pattern shows them: the first and
 * last pages, the current page and its neighbours, and an ellipsis for each gap of more than
 * one page. For page 6 of 12: 1 … 5 6 7 … 12.
 */
export function pageItems(current: number, pages: number): Array<number | 'ellipsis'> {
	const shown = [
		...new Set([1, current - 1, current, current + 1, pages].filter((n) => n >= 1 && n <= pages))
	].sort((a, b) => a - b);
	const items: Array<number | 'ellipsis'> = [];
	for (const [i, n] of shown.entries()) {
		const before = shown[i - 1];
		// A gap of one page is shown as that page: an ellipsis would hide no more than a link.
		if (before !== undefined && n - before === 2) items.push(before + 1);
		else if (before !== undefined && n - before > 2) items.push('ellipsis');
		items.push(n);
	}
	return items;
}

/**
 * A list's `page` as its address gives it: a whole number from 1, or none (the first page). A
 * page past the last is no error: a list shrinks under a bookmark, and pageWindow shows its last.
 */
export const PageQuery = z.object({
	page: z
		.string()
		.regex(/^[1-9][0-9]{0,8}$/, 'a whole number from 1')
		.transform(Number)
		.optional()
});
export type PageQuery = z.infer<typeof PageQuery>;

/** Which page to show: the one asked for, within 1…pages; anything else is the first. */
export function pageNumber(asked: string | number | null | undefined, pages: number): number {
	const n = Number(asked);
	return Number.isInteger(n) && n >= 1 ? Math.min(n, Math.max(1, pages)) : 1;
}

/** Which slice of a list of `total` items, `perPage` a page, the address's `page` asks for. */
export interface PageWindow {
	page: number;
	pages: number;
	total: number;
	limit: number;
	offset: number;
}

export function pageWindow(
	asked: string | number | null | undefined,
	total: number,
	perPage: number
): PageWindow {
	const pages = Math.max(1, Math.ceil(total / perPage));
	const page = pageNumber(asked, pages);
	return { page, pages, total, limit: perPage, offset: (page - 1) * perPage };
}

/** What a page says of itself: "Showing {from} to {to} of {total}", and its page links. */
export function pagingOf({ page, pages, total, offset }: PageWindow, shown: number) {
	return { page, pages, total, from: offset + 1, to: offset + shown };
}

/** The address of page `page` of the list at `path`, keeping the list's filters that are set. */
export function pageAddress(
	path: string,
	page: number,
	filters: Record<string, string | null> = {}
): string {
	const query = new URLSearchParams();
	for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
	if (page > 1) query.set('page', String(page));
	const search = query.toString();
	return search ? `${path}?${search}` : path;
}
