/**
 * Behind a reverse proxy every request comes from the proxy's address unless adapter-node is
 * told which header carries the device's own (`ADDRESS_HEADER`, with `XFF_DEPTH`). Then every
 * per-address limit counts the whole hospital as one. Requests that carry `X-Forwarded-For`
 * while `ADDRESS_HEADER` is unset show a proxy nobody has told us about: say so, once, in the
 * server's log. docs/deployment.md has the set-up.
 */
export function proxyWarning(
	env: Record<string, string | undefined>,
	log: (line: string) => void
): (headers: Pick<Headers, 'has'>) => void {
	if (env.ADDRESS_HEADER) return () => {};
	let warned = false;
	return (headers) => {
		if (warned || !headers.has('x-forwarded-for')) return;
		warned = true;
		log(
			'Warning: requests arrive through a proxy (X-Forwarded-For) but ADDRESS_HEADER is not set, ' +
				"so every device has the proxy's address and shares its sign-in and feedback limits. " +
				'Set ADDRESS_HEADER=X-Forwarded-For and XFF_DEPTH (see docs/deployment.md).'
		);
	};
}
