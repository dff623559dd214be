import { describe, expect, it } from 'vitest';
import { childrenFirst } from './test-database';

describe('childrenFirst: the order a slot is emptied in', () => {
	it('deletes each table before the tables it references', () => {
		const order = childrenFirst([
			{ table: 'organisation', parent: null },
			{ table: 'delivery_record', parent: 'briefing' },
			{ table: 'delivery_record', parent: 'organisation' },
			{ table: 'patient_link', parent: 'delivery_record' },
			{ table: 'briefing', parent: 'organisation' }
		]);
		expect(order).toEqual(['patient_link', 'delivery_record', 'briefing', 'organisation']);
	});

	it('takes a table that references itself as it is', () => {
		expect(
			childrenFirst([
				{ table: 'comment', parent: 'comment' },
				{ table: 'comment', parent: 'thread' },
				{ table: 'thread', parent: null }
			])
		).toEqual(['comment', 'thread']);
	});

	it('refuses a cycle of foreign keys, naming the tables', () => {
		expect(() =>
			childrenFirst([
				{ table: 'a', parent: 'b' },
				{ table: 'b', parent: 'a' },
				{ table: 'c', parent: 'a' }
			])
		).toThrow(/cycle among a,b$/);
	});
});
