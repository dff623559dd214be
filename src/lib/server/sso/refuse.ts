import { error } from '@sveltejs/kit';
import type { SsoRefusal } from '$lib/domain/sso';
import { securityEvent } from '../operations/log';
import { SsoError } from './oidc';
import { SecretKeyError } from './secret-box';

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
	accountDisabled: 403,
	noMappedGroup: 403,
	settingsUnreadable: 500
};

/**
 * Never silent: the reason and its detail go to the server's log (no token, no secret) and
 * the person sees the refusal page (sign-in/sso/+error.svelte) saying why, in their language.
 * Anything that is not a refusal (a stored secret this server's key cannot open is one) is
 * thrown on as it came.
 */
export function refuse(e: unknown, organisationId: string | null): never {
	const refusal = e instanceof SecretKeyError ? new SsoError('settingsUnreadable', e.message) : e;
	if (!(refusal instanceof SsoError)) throw e;
	securityEvent(
		'signIn.failed',
		{ via: 'sso', reason: refusal.reason, organisationId },
		`Single sign-on refused${organisationId ? ` for organisation ${organisationId}` : ''}: ${refusal.reason}${refusal.detail ? ` – ${refusal.detail}` : ''}`
	);
	error(statusOf[refusal.reason], { message: `sso.${refusal.reason}` });
}
