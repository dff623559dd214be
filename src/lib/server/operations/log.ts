import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { z } from 'zod';
import type { StaffAccount } from '$lib/domain/staff';

/*
 * The server's log: one JSON object per line on stdout (pino), for the trust's log collector.
 * Every request gives one line when it completes (hooks.server.ts); security events give a line
 * each with their own `event` type (docs/operations.md, "Logs", lists them).
 *
 * What never reaches it: a patient token (paths are logged as their route id, /(patient)/p/[token],
 * never as typed), feedback text, a password, a cookie, a session id or an Authorization header.
 * Callers never pass those; `redact` is the second line, should a header or body be passed whole.
 */

export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
export type LogLevel = z.infer<typeof LogLevel>;

/** Paths pino blanks out, at the top level and one level down (e.g. `req.headers.cookie`). */
export const REDACTED_PATHS = [
	'password',
	'token',
	'patientToken',
	'sessionToken',
	'freeText',
	'comment',
	'cookie',
	'authorization',
	'*.password',
	'*.token',
	'*.patientToken',
	'*.sessionToken',
	'*.freeText',
	'*.comment',
	'*.cookie',
	'*.authorization',
	'*.headers.cookie',
	'*.headers.authorization',
	'*.headers["set-cookie"]'
];

export interface RequestContext {
	requestId: string;
	/** Set by `markRefused`: the request was refused (403) somewhere inside. */
	refused?: boolean;
	/** The queries made for this request so far (`noteQuery`), each as [start, end] in ms. */
	queries?: Array<[number, number]>;
}

const requests = new AsyncLocalStorage<RequestContext>();

/** A logger to `destination` (stdout by default); every line made inside a request names it. */
export function makeLogger(level: LogLevel, destination?: pino.DestinationStream) {
	return pino(
		{
			level,
			base: undefined,
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
			mixin: () => {
				const context = requests.getStore();
				return context ? { requestId: context.requestId } : {};
			}
		},
		destination
	);
}

/**
 * The process's logger. LOG_LEVEL is checked by readConfig too (a bad value stops the start);
 * here a bad value falls back to `info`, since this module loads before the configuration is read.
 */
export const logger = makeLogger(LogLevel.catch('info').parse(process.env.LOG_LEVEL ?? 'info'));

/** Runs `work` as part of request `requestId`: every line logged meanwhile carries the id. */
export function inRequest<T>(
	requestId: string,
	work: () => T,
	context: RequestContext = { requestId }
): T {
	return requests.run(context, work);
}

/**
 * Marks the request being handled as refused (403). The request's own log step writes the one
 * `access.refused` line from it: a page's data request (`__data.json`) answers a load's 403
 * inside a 200, so its status alone would never tell.
 */
export function markRefused(): void {
	const context = requests.getStore();
	if (context) context.refused = true;
}

/**
 * Adds one query's time to the request being handled (the databases' Kysely `log`, database.ts),
 * so its log line and Server-Timing can say how much of it was the database.
 */
export function noteQuery(ms: number, end = performance.now()): void {
	const context = requests.getStore();
	if (!context) return;
	(context.queries ??= []).push([end - ms, end]);
}

/**
 * How long a request waited on its database: the time at least one of its queries was running.
 * Queries run at once (Promise.all on PostgreSQL's pool) count once, not once each.
 */
export function databaseMs(queries: ReadonlyArray<[number, number]> = []): number {
	let total = 0;
	let until = -Infinity;
	for (const [start, end] of [...queries].sort((a, b) => a[0] - b[0])) {
		if (end <= until) continue;
		total += end - Math.max(start, until);
		until = end;
	}
	return total;
}

/** The request id being handled, if any (for answers that name it). */
export const currentRequestId = (): string | undefined => requests.getStore()?.requestId;

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request's id: a proxy's `x-request-id` when it is a short, plain token (so a log line can
 * be matched with the proxy's), else a new UUID: a long or odd value is never echoed or logged.
 */
export function requestIdFrom(headers: Headers): string {
	return requestIdOf(headers.get('x-request-id'));
}

/** The same, from the header's value as Node gives it. */
export function requestIdOf(given: string | string[] | null | undefined): string {
	return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The security events, each with its own type; see docs/operations.md. */
export type SecurityEventType =
	| 'signIn.succeeded'
	| 'signIn.failed'
	| 'signIn.lockedOut'
	| 'access.refused'
	| 'audit'
	| 'export.downloaded'
	| 'backup.completed'
	| 'backup.failed';

const levelOf: Record<SecurityEventType, pino.Level> = {
	'signIn.succeeded': 'info',
	'signIn.failed': 'warn',
	'signIn.lockedOut': 'warn',
	'access.refused': 'warn',
	audit: 'info',
	'export.downloaded': 'info',
	'backup.completed': 'info',
	'backup.failed': 'error'
};

/** Ids, counts and kinds only: never a token, a password, an email or free text. */
export type SecurityFields = Record<string, string | number | boolean | null | undefined>;

/** Logs a security event `{ event: type, ...fields }` at the type's fixed level. */
export function securityEvent(
	type: SecurityEventType,
	fields: SecurityFields = {},
	message: string = type
): void {
	logger[levelOf[type]]({ ...fields, event: type }, message);
}

/** Who did it, as a security event names them. */
export const actorOf = (user: StaffAccount): SecurityFields => ({
	organisationId: user.organisationId,
	accountId: user.id,
	role: user.role
});

/**
 * An email as a security event names it: the first 16 hex digits of its SHA-256, so attempts on
 * one account can be followed without the address itself (or a password typed into the email
 * box by mistake) reaching the log.
 */
export const emailFingerprint = (email: string): string =>
	createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16);
