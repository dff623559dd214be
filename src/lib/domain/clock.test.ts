import { describe, expect, it } from 'vitest';
import { CLOCK_WARN_MS, clockOffset } from './clock';

const server = Date.parse('2026-12-08T10:00:00Z');
const header = new Date(server).toUTCString();
const hour = 3_600_000;

describe('a tablet’s clock against the server’s', () => {
	it('is right when within five minutes, either way', () => {
		expect(clockOffset(header, server + 200, server + 400)).toBeNull();
		expect(
			clockOffset(header, server - CLOCK_WARN_MS + 2000, server - CLOCK_WARN_MS + 2100)
		).toBeNull();
		expect(clockOffset(header, server + CLOCK_WARN_MS - 100, server + CLOCK_WARN_MS)).toBeNull();
	});

	it('is behind or ahead by about the difference', () => {
		expect(clockOffset(header, server - 3 * hour, server - 3 * hour + 300)).toBe(-3 * hour - 350);
		expect(clockOffset(header, server + 2 * hour, server + 2 * hour + 100)).toBe(2 * hour - 450);
	});

	it('is not called wrong when a slow answer leaves the difference unknown', () => {
		// Sent 6 minutes behind, answered 2 minutes later: the clock may be 4 minutes behind only.
		expect(clockOffset(header, server - 6 * 60_000, server - 4 * 60_000)).toBeNull();
	});

	it('is not judged without a readable Date header', () => {
		for (const bad of [null, '', 'yesterday'])
			expect(clockOffset(bad, server - 3 * hour, server - 3 * hour)).toBeNull();
	});
});
