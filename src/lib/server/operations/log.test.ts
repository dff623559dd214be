import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	emailFingerprint,
	inRequest,
	logger,
	makeLogger,
	markRefused,
	requestIdFrom,
	securityEvent
} from './log';

/** A logger at `info` whose lines are kept, parsed, in `lines`. */
function capturedLogger() {
	const lines: Array<Record<string, unknown>> = [];
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			for (const line of chunk.toString().split('\n').filter(Boolean))
				lines.push(JSON.parse(line) as Record<string, unknown>);
			done();
		}
	});
	return { log: makeLogger('info', sink), lines };
}

afterEach(() => vi.restoreAllMocks());

describe('the log', () => {
	it('writes one JSON object per line with its level and time, and no host or pid', () => {
		const { log, lines } = capturedLogger();
		log.info({ status: 200 }, 'done');
		expect(lines).toEqual([
			{ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), status: 200, msg: 'done' }
		]);
	});

	it('names the request on every line made while it is handled, and only then', async () => {
		const { log, lines } = capturedLogger();
		await inRequest('req-1', async () => {
			await Promise.resolve();
			log.info('inside');
		});
		log.info('outside');
		expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
			['inside', 'req-1'],
			['outside', undefined]
		]);
	});

	it('marks a refusal on the request being handled, and on nothing outside one', async () => {
		const context = { requestId: 'req-2', refused: false };
		markRefused();
		await inRequest(
			'req-2',
			async () => {
				await Promise.resolve();
				markRefused();
			},
			context
		);
		expect(context.refused).toBe(true);
		const other = { requestId: 'req-3', refused: false };
		await inRequest('req-3', async () => undefined, other);
		expect(other.refused).toBe(false);
	});

	it('blanks passwords, tokens, comments, cookies and authorization should one be passed', () => {
		const { log, lines } = capturedLogger();
		const secrets = {
			password: 'correct horse battery staple',
			patientToken: 'Q2lhbyBtYW1tYSwgY2lhbyE',
			freeText: 'My nurse was called Ann',
			sessionToken: 'a-session-id-value',
			headers: { cookie: 'session=abc123', authorization: 'Bearer xyz789' }
		};
		log.info({ req: secrets, ...secrets }, 'careless');
		const text = JSON.stringify(lines);
		for (const value of [
			secrets.password,
			secrets.patientToken,
			secrets.freeText,
			secrets.sessionToken,
			'abc123',
			'xyz789'
		])
			expect(text).not.toContain(value);
		expect(lines[0]?.password).toBe('[redacted]');
	});
});

describe('request ids', () => {
	const headers = (id?: string) => new Headers(id === undefined ? {} : { 'x-request-id': id });
	const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

	it("keep a proxy's short plain id", () => {
		expect(requestIdFrom(headers('a1B2-c3.d4_e5'))).toBe('a1B2-c3.d4_e5');
	});

	it('are new for none, a long one or one with anything else in it', () => {
		for (const given of [undefined, '', 'x'.repeat(65), 'a b', 'id"},{"admin":true', '/p/tok'])
			expect(requestIdFrom(headers(given))).toMatch(uuid);
	});
});

describe('security events', () => {
	it('carry their type as `event`, at the fixed level of the type', () => {
		const warn = vi.spyOn(logger, 'warn').mockImplementation(() => {});
		const info = vi.spyOn(logger, 'info').mockImplementation(() => {});
		const error = vi.spyOn(logger, 'error').mockImplementation(() => {});
		securityEvent('signIn.failed', { via: 'password', reason: 'wrong' });
		securityEvent('signIn.succeeded', { accountId: 'a1' });
		securityEvent('backup.failed', { reason: 'disk full' });
		expect(warn).toHaveBeenCalledWith(
			{ via: 'password', reason: 'wrong', event: 'signIn.failed' },
			'signIn.failed'
		);
		expect(info).toHaveBeenCalledWith(
			{ accountId: 'a1', event: 'signIn.succeeded' },
			'signIn.succeeded'
		);
		expect(error).toHaveBeenCalledWith(
			{ reason: 'disk full', event: 'backup.failed' },
			'backup.failed'
		);
	});

	it('name an email by a fingerprint, the same whatever its case', () => {
		expect(emailFingerprint('Lead@Demo.Example')).toBe(emailFingerprint('lead@demo.example'));
		expect(emailFingerprint('lead@demo.example')).toMatch(/^[0-9a-f]{16}$/);
		expect(emailFingerprint('lead@demo.example')).not.toContain('lead');
	});
});
