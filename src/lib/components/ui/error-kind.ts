/** The message family shown for an HTTP status on the error page. */
export function errorKind(
	status: number
): 'notFound' | 'forbidden' | 'signInRequired' | 'badRequest' | 'tooLarge' | 'unexpected' {
	if (status === 404) return 'notFound';
	if (status === 403) return 'forbidden';
	if (status === 401) return 'signInRequired';
	if (status === 413) return 'tooLarge';
	if (status === 400) return 'badRequest';
	return 'unexpected';
}

/**
 * The locale key prefix (…`.title`, …`.body`) of the error page's words for a status: 410 is a
 * suspended organisation's patient page, "not available" rather than "not found"; a 400 for the
 * address's query (server/http/parse-query.ts) is about the address, not a form.
 */
export function errorMessageKey(status: number, message?: string): string {
	if (status === 410) return 'common:tenancy.notAvailable';
	// Only staff pages read a query with parseQuery: the words are in the staff languages only.
	if (status === 400 && message === 'invalidQuery') return 'common:addressError';
	return `common:errors.${errorKind(status)}`;
}
