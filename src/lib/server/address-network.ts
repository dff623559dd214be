import { isIPv4, isIPv6 } from 'node:net';

/*
 * The network a client address stands for, for rate limits. An IPv4 address is one subscriber
 * (or a whole NAT); an IPv6 subscriber is given a whole /64 (RFC 6177; a phone's provider hands
 * one to each phone) and may use any address in it, so a limit per IPv6 address is a limit per
 * whim. An IPv6 address therefore stands for its /64, written in one canonical form whatever
 * form it came in; an IPv4-mapped IPv6 address (::ffff:192.0.2.1, as a dual-stack server sees an
 * IPv4 client) stands for its IPv4 address. Anything else is returned unchanged.
 * Examples: 2001:db8:0a:b::1 and 2001:0DB8:a:b:ffff:: → 2001:db8:a:b::/64;
 * ::ffff:192.0.2.1 and ::ffff:c000:201 → 192.0.2.1.
 */
export function addressNetwork(address: string): string {
	const plain = address.replace(/%.*$/, ''); // a zone (fe80::1%eth0) names the server's interface
	if (isIPv4(plain)) return plain;
	if (!isIPv6(plain)) return address;
	const groups = ipv6Groups(plain);
	const [hi = 0, lo = 0] = groups.slice(6);
	if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
		return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
	return `${groups
		.slice(0, 4)
		.map((g) => g.toString(16))
		.join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail split). */
function ipv6Groups(address: string): number[] {
	let text = address.toLowerCase();
	const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (dotted) {
		const [a = 0, b = 0, c = 0, d = 0] = dotted.slice(1).map(Number);
		text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head, tail] = text.split('::');
	const parse = (part: string | undefined) =>
		part ? part.split(':').map((g) => parseInt(g, 16)) : [];
	const before = parse(head);
	const after = parse(tail);
	const zeros =
		tail === undefined ? [] : new Array<number>(8 - before.length - after.length).fill(0);
	return [...before, ...zeros, ...after];
}
