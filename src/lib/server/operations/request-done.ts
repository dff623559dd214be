import type { StaffAccount } from '$lib/domain/staff';
import { databaseMs, logger, securityEvent } from './log';
import { observeRequest } from './metrics';

/** A request as it completes: what its one log line and histogram observation say. */
export interface CompletedRequest {
	requestId: string;
	method: string;
	/** The route id (`/(patient)/p/[token]`), never the path, which can hold a patient's token. */
	routeId: string | null;
	status: number;
	/** From the request's start, in milliseconds. */
	ms: number;
	/** Its database queries' start and end (log.ts `inRequest`). */
	queries: ReadonlyArray<[number, number]>;
	/** Set when a load or action refused it (log.ts `markRefused`). */
	refused: boolean;
	user: Pick<StaffAccount, 'id' | 'organisationId' | 'role'> | null | undefined;
}

/**
 * Every request, once, as it completes: one log line and one histogram observation, and an
 * `access.refused` security event when a signed-in person was refused. Whether SvelteKit answered
 * (hooks.server.ts) or a kept patient page was answered before it (patient-pages/before-kit.ts).
 */
export function requestDone(request: CompletedRequest): void {
	const { requestId, method, routeId, status, ms, queries, user } = request;
	observeRequest(method, routeId, status, ms / 1000);
	if ((status === 403 || request.refused) && user)
		securityEvent('access.refused', {
			requestId,
			route: routeId,
			organisationId: user.organisationId,
			accountId: user.id,
			role: user.role
		});
	logger.info({
		requestId,
		method,
		route: routeId,
		status,
		durationMs: Math.round(ms * 10) / 10,
		databaseMs: Math.round(databaseMs(queries) * 10) / 10,
		queries: queries.length,
		organisationId: user?.organisationId,
		accountId: user?.id
	});
}

/** The Server-Timing header's value: the database's share of the answer, and the whole. */
export function serverTiming(queries: ReadonlyArray<[number, number]>, ms: number): string {
	return `db;dur=${databaseMs(queries).toFixed(2)};desc="${queries.length} queries", app;dur=${ms.toFixed(2)}`;
}
