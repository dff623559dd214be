import { describe, expect, it } from 'vitest';
import { newDraftLabel } from './version-page';

describe('newDraftLabel', () => {
	it('names the version a new draft copies, and offers none while a version is open', () => {
		const of = (...statuses: string[]) => newDraftLabel(statuses.map((status) => ({ status })));
		expect(of('published', 'retired')).toBe('newDraft');
		// Every version retired: the newest is copied.
		expect(of('retired', 'retired')).toBe('newDraftFromLatest');
		for (const open of ['draft', 'inReview', 'approved'])
			expect(of(open, 'published'), open).toBeNull();
	});
});
