// The security headers every answer carries, in one place: the hook sets them on what
// SvelteKit answers, and the Node entry (node-handler.js, copied into build/ by
// svelte.config.js) on what adapter-node serves before the hook runs — static files and
// prerendered pages such as /offline. Plain JavaScript, because svelte.config.js imports it too.

/** The content security policy's directives (SvelteKit adds hashes for its inline scripts). */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'data:', 'blob:'],
	'media-src': ['self', 'blob:'],
	'connect-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'strict-dynamic']);

/** A policy as a header value, from directives like CSP_DIRECTIVES. */
export function cspOf(/** @type {Record<string, string[]>} */ directives) {
	return Object.entries(directives)
		.map(([name, sources]) =>
			[name, ...sources.map((s) => (KEYWORDS.has(s) || s.startsWith('sha') ? `'${s}'` : s))].join(
				' '
			)
		)
		.join('; ');
}

/** For an answer SvelteKit did not render as a page: a file, an endpoint, a refusal. */
export const DEFAULT_CSP = cspOf(CSP_DIRECTIVES);

/** A prerendered page's policy comes in a <meta> tag, which cannot forbid framing. */
export const withFrameAncestors = (/** @type {string} */ csp) =>
	/frame-ancestors/.test(csp) ? csp : `${csp}; frame-ancestors 'none'`;

/** Headers on every answer (the policy only where the answer has none of its own). */
export const SECURITY_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	// Patient links carry tokens: never leak a URL to another site. (Not `no-referrer`: that
	// makes browsers send `Origin: null` on form posts, which the CSRF check rightly refuses.)
	'Referrer-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
	// For browsers that do not read frame-ancestors.
	'X-Frame-Options': 'DENY'
};

/** HSTS for a year: browsers then never try plain HTTP for this host (only sent over https). */
export const HSTS = 'max-age=31536000';

/**
 * The headers every answer carries for a service at `origin` (ORIGIN): SECURITY_HEADERS, and
 * Strict-Transport-Security when it is served over HTTPS. Not `includeSubDomains` or `preload`:
 * a trust's other sites on sub-domains are not ours to decide for.
 * @param {string | undefined} origin
 * @returns {Record<string, string>}
 */
export function securityHeaders(origin) {
	return origin?.startsWith('https://')
		? { ...SECURITY_HEADERS, 'Strict-Transport-Security': HSTS }
		: SECURITY_HEADERS;
}
