import { describe, expect, it } from 'vitest';
import { readAimForm } from './aim-form';

const form = (dueBy: string) => {
	const data = new FormData();
	for (const [k, v] of Object.entries({
		title: 'Easy read for all',
		measure: 'formatFit',
		target: '90',
		dueBy
	}))
		data.set(k, v);
	return data;
};
const choices = { wards: [], groups: [] };

describe('readAimForm', () => {
	it('refuses an aim due before today, named on its date: it would read "Target met" at once', () => {
		expect(readAimForm(form('2026-12-02'), choices, { today: '2026-12-03' })).toMatchObject({
			ok: false,
			errors: [{ field: 'dueBy', message: 'aim.errors.dueByPast' }],
			values: { dueBy: '2026-12-02' }
		});
		expect(readAimForm(form('2026-12-03'), choices, { today: '2026-12-03' })).toMatchObject({
			ok: true
		});
	});

	it('lets a corrected aim keep the date it has, passed or not, but not move to another past one', () => {
		const dates = { today: '2026-12-03', keep: '2026-06-30' };
		expect(readAimForm(form('2026-06-30'), choices, dates)).toMatchObject({ ok: true });
		expect(readAimForm(form('2026-07-31'), choices, dates)).toMatchObject({ ok: false });
	});
});
