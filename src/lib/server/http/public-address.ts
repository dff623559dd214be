import { isIP } from 'node:net';

/*
 * Whether an address the server is about to connect to is on the public internet, and the
 * install's list of other networks it may connect to all the same (SSO_ALLOWED_NETWORKS).
 *
 * Every address is held as 128 bits: an IPv6 address as it is, an IPv4 address as its
 * IPv4-mapped IPv6 form (::ffff:a.b.c.d), so one table covers both and `::ffff:127.0.0.1`
 * is the loopback address `127.0.0.1` is. Addresses that carry an IPv4 address inside them
 * (NAT64's 64:ff9b::/96, 6to4's 2002::/16) are judged by the IPv4 address they lead to.
 *
 * Public means: IPv4 outside the special-purpose blocks of RFC 6890 (and its updates), and
 * IPv6 inside global unicast (2000::/3) but outside its special-purpose blocks. Everything
 * else (loopback, RFC 1918, CGNAT, link-local, unique local fc00::/7, multicast, documentation,
 * reserved) is not. Source: the IANA IPv4 and IPv6 Special-Purpose Address Registries.
 *
 * Example: 10.1.2.3 → not public; with SSO_ALLOWED_NETWORKS=10.1.0.0/16 → allowed.
 */

export interface Network {
	/** The network's first address, as 128 bits. */
	base: bigint;
	/** Its prefix length in the 128-bit form (an IPv4 /8 is /104). */
	prefix: number;
	/** As written, for messages. */
	text: string;
}

const MAPPED = 0xffffn << 32n;
const ALL = (1n << 128n) - 1n;

function ipv4Bits(text: string): bigint {
	return text.split('.').reduce((bits, part) => (bits << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Bits(text: string): bigint {
	let groups = text;
	// A dotted IPv4 tail (::ffff:10.0.0.1) is the last two groups.
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(groups);
	if (dotted) {
		const v4 = ipv4Bits(dotted[1]!);
		groups = `${groups.slice(0, -dotted[1]!.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
	}
	const [head = '', tail] = groups.split('::');
	const headParts = head ? head.split(':') : [];
	const tailParts = tail ? tail.split(':') : [];
	const zeros = tail === undefined ? 0 : 8 - headParts.length - tailParts.length;
	const parts = [...headParts, ...Array<string>(zeros).fill('0'), ...tailParts];
	return parts.reduce((bits, part) => (bits << 16n) | BigInt(parseInt(part, 16)), 0n);
}

/** An address as 128 bits (IPv4 mapped into IPv6); null if it is not an IP address. */
export function addressBits(address: string): bigint | null {
	// A zone (fe80::1%eth0) names the interface, not the address.
	const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
	const family = isIP(bare);
	if (family === 4) return MAPPED | ipv4Bits(bare);
	if (family === 6) return ipv6Bits(bare);
	return null;
}

const maskOf = (prefix: number) => (ALL << BigInt(128 - prefix)) & ALL;

/** `10.0.0.0/8`, `fd00::/8`, or one address (a /32 or /128); null if it is none of these. */
export function parseNetwork(text: string): Network | null {
	const [address = '', length, extra] = text.split('/');
	if (extra !== undefined) return null;
	const bits = addressBits(address);
	if (bits === null || address.includes('%')) return null;
	const v4 = isIP(address) === 4;
	const max = v4 ? 32 : 128;
	if (length !== undefined && !/^\d{1,3}$/.test(length)) return null;
	const given = length === undefined ? max : Number(length);
	if (given > max) return null;
	const prefix = v4 ? given + 96 : given;
	// 10.1.2.3/8 is most likely a typing slip for 10.0.0.0/8 (or for 10.1.2.3): refused, not guessed.
	if ((bits & maskOf(prefix)) !== bits) return null;
	return { base: bits, prefix, text };
}

/**
 * SSO_ALLOWED_NETWORKS as an operator writes it: networks separated by commas or spaces,
 * `10.20.0.0/16, fd12:3456::/48`; '' is none. A part that is not a network is named.
 */
export function parseNetworks(text: string): { networks: Network[] } | { error: string } {
	const networks: Network[] = [];
	for (const part of text.split(/[\s,]+/).filter(Boolean)) {
		const network = parseNetwork(part);
		if (!network)
			return {
				error: `"${part}" is not a network: write it as 10.20.0.0/16 or fd12:3456::/48 (its address the network's first)`
			};
		networks.push(network);
	}
	return { networks };
}

function within(bits: bigint, network: Pick<Network, 'base' | 'prefix'>): boolean {
	return (bits & maskOf(network.prefix)) === network.base;
}

/** Whether the address is in one of the networks. */
export function inNetworks(address: string, networks: readonly Network[]): boolean {
	const bits = addressBits(address);
	return bits !== null && networks.some((network) => within(bits, network));
}

const block = (text: string) => {
	const network = parseNetwork(text);
	if (!network) throw new Error(`public-address: bad block ${text}`);
	return network;
};

/** IPv4 blocks that are not public (RFC 6890, RFC 6598, RFC 5737, RFC 2544, RFC 5771, RFC 1112). */
const V4_SPECIAL = [
	'0.0.0.0/8', // "this network"
	'10.0.0.0/8', // private (RFC 1918)
	'100.64.0.0/10', // carrier-grade NAT (RFC 6598)
	'127.0.0.0/8', // loopback
	'169.254.0.0/16', // link-local (cloud metadata services live here)
	'172.16.0.0/12', // private (RFC 1918)
	'192.0.0.0/24', // IETF protocol assignments
	'192.0.2.0/24', // documentation
	'192.88.99.0/24', // 6to4 relay anycast (deprecated)
	'192.168.0.0/16', // private (RFC 1918)
	'198.18.0.0/15', // benchmarking
	'198.51.100.0/24', // documentation
	'203.0.113.0/24', // documentation
	'224.0.0.0/4', // multicast
	'240.0.0.0/4' // reserved, and the broadcast address
].map(block);

/** Global unicast: the only IPv6 space that holds public addresses. */
const V6_GLOBAL = block('2000::/3');

/** IPv6 blocks inside global unicast that are not public. */
const V6_SPECIAL = [
	'2001::/23', // IETF protocol assignments (Teredo, benchmarking, ORCHID)
	'2001:db8::/32', // documentation
	'3fff::/20', // documentation
	'5f00::/16' // segment routing (SRv6) identifiers
].map(block);

const NAT64 = block('64:ff9b::/96');
const SIX_TO_FOUR = block('2002::/16');
const V4_MAPPED = { base: MAPPED, prefix: 96 };

function isPublicBits(bits: bigint): boolean {
	if (within(bits, V4_MAPPED)) return !V4_SPECIAL.some((network) => within(bits, network));
	// A gateway would connect on to the IPv4 address inside: judge that one.
	if (within(bits, NAT64)) return isPublicBits(MAPPED | (bits & 0xffffffffn));
	if (within(bits, SIX_TO_FOUR)) return isPublicBits(MAPPED | ((bits >> 80n) & 0xffffffffn));
	return within(bits, V6_GLOBAL) && !V6_SPECIAL.some((network) => within(bits, network));
}

/** Whether the address is on the public internet (anything that is not an address: no). */
export function isPublicAddress(address: string): boolean {
	const bits = addressBits(address);
	return bits !== null && isPublicBits(bits);
}

/** Public, or in one of the install's allowed networks. */
export function addressAllowed(address: string, allowed: readonly Network[]): boolean {
	return isPublicAddress(address) || inNetworks(address, allowed);
}
