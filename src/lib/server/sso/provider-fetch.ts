import { promises as dns, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { CustomFetch } from 'openid-client';
import { addressAllowed, type Network } from '../http/public-address';

/*
 * The only way the server reaches an organisation's identity provider: discovery, the token
 * endpoint, its keys (JWKS) and anything else openid-client asks for go through this fetch
 * (its `customFetch`). An organisation admin types the issuer, so without it an admin could
 * make the server fetch addresses inside the hosting network (server-side request forgery).
 *
 * It connects only to public addresses, or to addresses in the install's SSO_ALLOWED_NETWORKS
 * (a trust that runs its provider on its own network). The address checked is the one the
 * connection is made to: the host's lookup answers go through `guardedLookup`, and the socket
 * connects to the answer that passed, so a name that resolves to a public address when checked
 * and to 127.0.0.1 a moment later (DNS rebinding) gains nothing. A host written as an address
 * is never looked up, so it is checked before connecting. Node's own http and https clients
 * are used (their `lookup` option), so no HTTP library is added; redirects are never followed
 * (openid-client asks for `redirect: 'manual'`).
 */

/** The host resolves to (or is) an address that is neither public nor allowed. */
export class ProviderAddressError extends Error {
	constructor(
		readonly host: string,
		readonly address: string
	) {
		super(`${host} is at ${address}, not a public address nor in SSO_ALLOWED_NETWORKS`);
		this.name = 'ProviderAddressError';
	}
}

/** Every address a host name resolves to (the system's resolver unless a test gives one). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** The refusal inside an error thrown by openid-client or this fetch, if it is one. */
export function addressRefusal(error: unknown): ProviderAddressError | null {
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
		if (e instanceof ProviderAddressError) return e;
		e = (e as { cause?: unknown }).cause;
	}
	return null;
}

/**
 * A `lookup` for node's http(s).request: the host's addresses, refused if any of them is not
 * allowed (a name that mixes a public and a private address is not trusted with either).
 */
export function guardedLookup(allowed: readonly Network[], resolve: Resolve): LookupFunction {
	return (hostname, options, callback) => {
		resolve(hostname).then(
			(answers) => {
				const family =
					options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
				const addresses = answers.filter((a) => !family || a.family === family);
				const refused = addresses.find((a) => !addressAllowed(a.address, allowed));
				const first = addresses[0];
				if (refused) callback(new ProviderAddressError(hostname, refused.address), '');
				else if (!first)
					callback(
						Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
						''
					);
				else if (options.all) callback(null, addresses);
				else callback(null, first.address, first.family);
			},
			(error: NodeJS.ErrnoException) => callback(error, '')
		);
	};
}

/**
 * Whether the issuer's host is (or resolves to) allowed addresses only, for the admin's form:
 * a host that does not resolve passes here (discovery then says the provider cannot be reached).
 * Only advice: the connections themselves are checked by `providerFetch`.
 */
export async function issuerHostAllowed(
	issuer: string,
	allowed: readonly Network[],
	resolve: Resolve = systemResolve
): Promise<boolean> {
	const host = new URL(issuer).hostname.replace(/^\[|\]$/g, '');
	if (isIP(host)) return addressAllowed(host, allowed);
	try {
		return (await resolve(host)).every((a) => addressAllowed(a.address, allowed));
	} catch {
		return true;
	}
}

/** A provider's answer is a small JSON document: anything larger is not one. */
const MAX_ANSWER_BYTES = 1024 * 1024;
const NULL_BODY = new Set([101, 204, 205, 304]);

/** As fetch fails on the network: a TypeError, the reason as its cause (openid-client passes it on). */
const failed = (cause: unknown) => new TypeError('fetch failed', { cause });

function bodyOf(body: Parameters<CustomFetch>[1]['body']): string | Uint8Array | undefined {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'string' || body instanceof Uint8Array) return body;
	if (body instanceof URLSearchParams) return body.toString();
	if (body instanceof ArrayBuffer) return new Uint8Array(body);
	throw new TypeError('providerFetch: a streamed body is not supported');
}

function responseOf(answer: IncomingMessage, body: Buffer): Response {
	const headers = new Headers();
	for (const [name, value] of Object.entries(answer.headers)) {
		if (Array.isArray(value)) for (const v of value) headers.append(name, v);
		else if (value !== undefined) headers.set(name, value);
	}
	const status = answer.statusCode ?? 0;
	return new Response(NULL_BODY.has(status) ? null : new Uint8Array(body), {
		status,
		statusText: answer.statusMessage ?? '',
		headers
	});
}

/** The fetch openid-client uses for every request to an organisation's provider. */
export function providerFetch(
	allowed: readonly Network[],
	resolve: Resolve = systemResolve
): CustomFetch {
	const lookup = guardedLookup(allowed, resolve);
	return (url, options) =>
		new Promise<Response>((answered, reject) => {
			const target = new URL(url);
			const { signal } = options;
			const host = target.hostname.replace(/^\[|\]$/g, '');
			if (target.protocol !== 'https:' && target.protocol !== 'http:')
				return reject(failed(new Error(`not http(s): ${target.protocol}`)));
			if (isIP(host) && !addressAllowed(host, allowed))
				return reject(failed(new ProviderAddressError(host, host)));
			if (signal?.aborted) return reject(signal.reason);
			const body = bodyOf(options.body);
			const headers: Record<string, string> = { ...options.headers };
			if (options.body instanceof URLSearchParams && !('content-type' in headers))
				headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
			let settled = false;
			const fail = (error: unknown) => {
				if (settled) return;
				settled = true;
				reject(signal?.aborted ? signal.reason : failed(error));
			};
			const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
			// agent: false: a fresh connection each time, never one another caller opened unchecked.
			const request = send(
				target,
				{ method: options.method, headers, lookup, agent: false, signal },
				(answer) => {
					const chunks: Buffer[] = [];
					let size = 0;
					answer.on('data', (chunk: Buffer) => {
						size += chunk.length;
						if (size > MAX_ANSWER_BYTES) {
							fail(new Error(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`));
							request.destroy();
						} else chunks.push(chunk);
					});
					answer.on('error', fail);
					answer.on('aborted', () => fail(new Error('the provider closed the connection')));
					answer.on('end', () => {
						if (settled) return;
						try {
							const response = responseOf(answer, Buffer.concat(chunks));
							settled = true;
							answered(response);
						} catch (error) {
							fail(error);
						}
					});
				}
			);
			request.on('error', fail);
			request.end(body);
		});
}
