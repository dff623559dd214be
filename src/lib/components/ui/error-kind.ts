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
