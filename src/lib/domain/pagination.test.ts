import { describe, expect, it } from 'vitest';
import { pageItems, pageNumber } from './pagination';

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
