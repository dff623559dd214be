import { describe, expect, it } from 'vitest';
import { PageQuery, pageAddress, pageItems, pageNumber, pageWindow, pagingOf } from './pagination';

describe('pageItems', () => {
	it('shows every page of a short list', () => {
		expect(pageItems(1, 1)).toEqual([1]);
		expect(pageItems(2, 4)).toEqual([1, 2, 3, 4]);
	});

	it('shows the ends and the neighbours, with an ellipsis for each longer gap', () => {
		expect(pageItems(6, 12)).toEqual([1, 'ellipsis', 5, 6, 7, 'ellipsis', 12]);
		expect(pageItems(1, 8)).toEqual([1, 2, 'ellipsis', 8]);
		expect(pageItems(8, 8)).toEqual([1, 'ellipsis', 7, 8]);
	});

	it('shows a single hidden page rather than an ellipsis for it', () => {
		expect(pageItems(4, 8)).toEqual([1, 2, 3, 4, 5, 'ellipsis', 8]);
	});
});

describe('pageNumber', () => {
	it('keeps a page within the list, and reads anything else as the first', () => {
		expect(pageNumber('3', 8)).toBe(3);
		expect(pageNumber('99', 8)).toBe(8);
		expect(pageNumber(null, 8)).toBe(1);
		expect(pageNumber('0', 8)).toBe(1);
		expect(pageNumber('2.5', 8)).toBe(1);
		expect(pageNumber('<script>', 8)).toBe(1);
		expect(pageNumber('2', 0)).toBe(1);
	});
});

describe('pageWindow and pagingOf', () => {
	it('slices a list a page at a time and says which items a page shows', () => {
		const third = pageWindow('3', 612, 50);
		expect(third).toEqual({ page: 3, pages: 13, total: 612, limit: 50, offset: 100 });
		expect(pagingOf(third, 50)).toEqual({ page: 3, pages: 13, total: 612, from: 101, to: 150 });
		const last = pageWindow('13', 612, 50);
		expect(pagingOf(last, 12)).toMatchObject({ from: 601, to: 612 });
	});

	it('keeps an empty list to one page, and a page past the end to the last', () => {
		expect(pageWindow(null, 0, 50)).toEqual({ page: 1, pages: 1, total: 0, limit: 50, offset: 0 });
		expect(pageWindow('99', 120, 50)).toMatchObject({ page: 3, offset: 100 });
		expect(pageWindow('-1', 120, 50)).toMatchObject({ page: 1, offset: 0 });
	});
});

describe('pageAddress', () => {
	it('names the page after the filters that are set, and the first page by its path alone', () => {
		expect(pageAddress('/studio', 1)).toBe('/studio');
		expect(pageAddress('/studio', 3)).toBe('/studio?page=3');
		expect(pageAddress('/studio/feedback', 1, { comments: '1' })).toBe(
			'/studio/feedback?comments=1'
		);
		expect(pageAddress('/studio/deliveries', 2, { ward: 'w-1', other: null })).toBe(
			'/studio/deliveries?ward=w-1&page=2'
		);
	});
});

describe('PageQuery', () => {
	const page = (value: string) => PageQuery.safeParse({ page: value });

	it('reads a whole number from 1, and no page as none', () => {
		expect(page('1').data).toEqual({ page: 1 });
		expect(page('27').data).toEqual({ page: 27 });
		expect(PageQuery.parse({ lang: 'cy' })).toEqual({});
	});

	it('refuses anything else, naming the page', () => {
		for (const bad of ['0', '-2', '2.5', '1e3', ' 2', '0x10', '', 'abc', '9999999999']) {
			const parsed = page(bad);
			expect(parsed.success, bad).toBe(false);
			expect(parsed.error?.issues[0]?.path).toEqual(['page']);
		}
	});
});
