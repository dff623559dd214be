import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { SyncRequest } from '$lib/domain/sync';
import { answerHeaders, understandsHeld } from './understands';

const sync = (headers: Record<string, string> = {}) =>
	new Request('https://toolkit.example/api/sync', { method: 'POST', headers });
const change = { id: 'r1', kind: 'deliveryRecord', payload: {} };

describe('whether a sync request understands held', () => {
	it('reads it from the X-Sync-Understands header, as this app says it', () => {
		expect(understandsHeld(sync({ 'X-Sync-Understands': 'held' }), {})).toBe(true);
		// A list, in any case of header name, spaces ignored; unknown words ignored.
		expect(understandsHeld(sync({ 'x-sync-understands': 'later , held' }), {})).toBe(true);
		expect(understandsHeld(sync({ 'x-sync-understands': 'later' }), {})).toBe(false);
		expect(understandsHeld(sync({ 'x-sync-understands': '' }), {})).toBe(false);
	});

	it('still reads it from the body, as the first app with held records says it', () => {
		const body = SyncRequest.parse({ changes: [change], understands: ['held'] });
		expect(understandsHeld(sync(), body)).toBe(true);
		expect(understandsHeld(sync({ 'x-sync-understands': 'later' }), body)).toBe(true);
	});

	it('takes a request that says nothing as an older app’s: not understood', () => {
		expect(understandsHeld(sync(), SyncRequest.parse({ changes: [change] }))).toBe(false);
		expect(understandsHeld(sync(), { understands: ['later'] })).toBe(false);
	});

	it('answers 400 naming the header when it is not a short list of words', () => {
		for (const value of [Array(21).fill('held').join(','), 'x'.repeat(41), 'y'.repeat(1001)]) {
			try {
				understandsHeld(sync({ 'x-sync-understands': value }), {});
				expect.unreachable();
			} catch (e) {
				expect(isHttpError(e, 400)).toBe(true);
				expect(isHttpError(e) && e.body).toMatchObject({
					message: 'invalidHeader',
					issues: [{ field: 'x-sync-understands' }]
				});
			}
		}
	});

	it('says in its answer that it answered under the held rule, only to a request that understands it', () => {
		expect(answerHeaders(true)).toEqual({ 'x-sync-understands': 'held' });
		expect(answerHeaders(false)).toEqual({});
	});
});
