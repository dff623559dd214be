/**
 * Where to go after signing in: only a path on this site. The value is first resolved the way a
 * browser would (tabs and newlines dropped, backslashes read as slashes, `.`/`..` and encoded
 * dots removed) and only the *result* is checked, since the result is what goes into the
 * `Location` header: `/.//evil.example` resolves to `//evil.example`, which a browser reads as
 * another site. Checking before resolving was issue 11's open redirect.
 */
export function safeReturnTo(value: string | null, origin: string): string | null {
	if (!value?.startsWith('/')) return null;
	let target: URL;
	try {
		target = new URL(value, origin);
	} catch {
		return null;
	}
	if (target.origin !== origin) return null;
	const path = `${target.pathname}${target.search}`;
	// Checked again after normalising: a second `/` or `\` would make the path a host.
	if (!/^\/(?![/\\])/.test(path)) return null;
	// And the header must mean the same to the browser that reads it.
	const reread = new URL(path, origin);
	return reread.origin === origin && `${reread.pathname}${reread.search}` === path ? path : null;
}
