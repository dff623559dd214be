import { describe, expect, it } from 'vitest';
import { runProgress } from './sync-manager.svelte';

describe('a long sync run’s progress', () => {
	it('counts what has gone since the run began, for a queue bigger than a batch', () => {
		expect(runProgress({ syncing: true, runOf: 10_000, waiting: 6_800 }, 500)).toEqual({
			sent: 3_200,
			of: 10_000
		});
	});

	it('is not shown for a short queue, or when nothing is being sent', () => {
		expect(runProgress({ syncing: true, runOf: 500, waiting: 500 }, 500)).toBeNull();
		expect(runProgress({ syncing: false, runOf: 0, waiting: 9_000 }, 500)).toBeNull();
	});

	it('grows with records saved during the run, never counting back', () => {
		expect(runProgress({ syncing: true, runOf: 1_000, waiting: 1_200 }, 500)).toEqual({
			sent: 0,
			of: 1_200
		});
	});
});
