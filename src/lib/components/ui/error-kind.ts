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
 * suspended organisation's patient page, "not available" rather than "not found".
 */
export function errorMessageKey(status: number): string {
	return status === 410 ? 'common:tenancy.notAvailable' : `common:errors.${errorKind(status)}`;
}
