import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { PageQuery } from '$lib/domain/pagination';
import { parseQuery } from './parse-query';

const at = (search: string) => new URL(`https://toolkit.example/ward/admissions${search}`);

describe('parseQuery', () => {
	it('gives the parsed query, other parameters left aside', () => {
		expect(parseQuery(at('?page=3&lang=cy'), PageQuery)).toEqual({ page: 3 });
		expect(parseQuery(at(''), PageQuery)).toEqual({});
	});

	it('answers 400 naming the parameter at fault', () => {
		try {
			parseQuery(at('?page=two'), PageQuery);
			expect.unreachable();
		} catch (e) {
			expect(isHttpError(e, 400)).toBe(true);
			expect(isHttpError(e) && e.body).toEqual({
				message: 'invalidQuery',
				issues: [{ field: 'page', message: 'a whole number from 1' }]
			});
		}
	});
});
