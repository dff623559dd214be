import { error } from '@sveltejs/kit';
import type { SsoRefusal } from '$lib/domain/sso';
import type { SsoError } from './oidc';

const statusOf: Record<SsoRefusal, number> = {
	notAvailable: 404,
	providerUnreachable: 502,
	providerRefused: 403,
	stateUnknown: 400,
	stateExpired: 400,
	tokenInvalid: 403,
	tokenExpired: 403,
	emailUnverified: 403,
	emailDomain: 403,
	unknownPerson: 403,
	accountDisabled: 403
};

/**
 * Never silent: the reason and its detail go to the server's log (no token, no secret) and
 * the person sees the refusal page (sign-in/sso/+error.svelte) saying why, in their language.
 */
export function refuse(e: SsoError, organisationId: string | null): never {
	console.warn(
		`Single sign-on refused${organisationId ? ` for organisation ${organisationId}` : ''}: ${e.reason}${e.detail ? ` – ${e.detail}` : ''}`
	);
	error(statusOf[e.reason], { message: `sso.${e.reason}` });
}
