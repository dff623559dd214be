import { describe, expect, it } from 'vitest';
import { CountHeldGroupForm, SetAsideForm, SetAsideGroupForm } from './held-record';

const run = {
	ward: '0195f0a0-0000-7000-8000-000000000001',
	version: '0195f0a0-0000-7000-8000-000000000002',
	heldFor: 'versionNotPublished',
	count: '3',
	through: '2026-12-07T19:24:00.000Z'
};

describe('a lead’s decisions on held records', () => {
	it('takes a run by its ward, version, why it was held, how many and when the newest came', () => {
		expect(CountHeldGroupForm.parse(run)).toEqual({ ...run, count: 3 });
		for (const bad of [{ count: '0' }, { heldFor: 'trainingOrTest' }, { through: 'yesterday' }])
			expect(CountHeldGroupForm.safeParse({ ...run, ...bad }).success).toBe(false);
	});

	it('sets a run aside for a reason from the list, or a sentence about the content', () => {
		expect(SetAsideGroupForm.parse({ ...run, reason: 'trainingOrTest' })).toEqual({
			...run,
			count: 3,
			reason: 'trainingOrTest'
		});
		expect(
			SetAsideGroupForm.parse({ ...run, reason: 'other', note: ' A test tablet on Ward 7. ' })
				.reason
		).toBe('A test tablet on Ward 7.');
	});

	it('names what is missing or not allowed in the reason, as for one record', () => {
		const problems = (form: Record<string, string>) =>
			SetAsideGroupForm.safeParse(form).error?.issues.map((i) => [i.path.join('.'), i.message]);
		expect(problems(run)).toEqual([['reason', 'held.errors.reason']]);
		expect(problems({ ...run, reason: 'other' })).toEqual([['note', 'held.errors.note']]);
		expect(problems({ ...run, reason: 'other', note: 'Call 07700 900123' })).toEqual([
			['note', 'held.errors.noteIdentifier']
		]);
		// A sentence with a reason from the list would not be kept: refused, not dropped.
		expect(problems({ ...run, reason: 'trainingOrTest', note: 'A test tablet.' })).toEqual([
			['note', 'held.errors.noteNotOther']
		]);
		expect(problems({ ...run, reason: 'trainingOrTest', note: '  ' })).toBeUndefined();
		expect(
			SetAsideForm.safeParse({ id: run.ward, reason: 'other', note: 'Call 07700 900123' }).error
				?.issues[0]?.message
		).toBe('held.errors.noteIdentifier');
	});
});
