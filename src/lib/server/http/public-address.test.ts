import { describe, expect, it } from 'vitest';
import {
	addressAllowed,
	addressBits,
	inNetworks,
	isPublicAddress,
	parseNetwork,
	parseNetworks,
	type Network
} from './public-address';

const networks = (text: string): Network[] => {
	const parsed = parseNetworks(text);
	if (!('networks' in parsed)) throw new Error(parsed.error);
	return parsed.networks;
};

describe('isPublicAddress', () => {
	it('refuses IPv4 loopback, private, link-local, CGNAT and other special blocks, at their edges', () => {
		for (const address of [
			'127.0.0.1',
			'127.255.255.254',
			'10.0.0.1',
			'10.255.255.255',
			'172.16.0.1',
			'172.31.255.255',
			'192.168.1.10',
			'169.254.169.254', // a cloud's metadata service
			'100.64.0.1',
			'100.127.255.255',
			'0.0.0.0',
			'192.0.0.8',
			'192.0.2.1',
			'198.18.0.1',
			'198.51.100.7',
			'203.0.113.9',
			'224.0.0.251',
			'255.255.255.255'
		])
			expect(isPublicAddress(address), address).toBe(false);
	});

	it('takes public IPv4, including the neighbours of the private blocks', () => {
		for (const address of [
			'8.8.8.8',
			'20.190.128.1', // login.microsoftonline.com's network
			'172.15.255.255',
			'172.32.0.0',
			'100.63.255.255',
			'100.128.0.0',
			'11.0.0.0',
			'192.169.0.1',
			'169.255.0.1'
		])
			expect(isPublicAddress(address), address).toBe(true);
	});

	it('refuses IPv6 loopback, unique local (fc00::/7), link-local, multicast and documentation', () => {
		for (const address of [
			'::1',
			'::',
			'fc00::1',
			'fd12:3456:789a::1',
			'fe80::1',
			'fe80::1%eth0',
			'[fe80::1]',
			'fec0::1',
			'ff02::1',
			'2001:db8::1',
			'2001::1', // Teredo
			'3fff::1',
			'::7f00:1', // IPv4-compatible, deprecated
			'4000::1' // outside global unicast
		])
			expect(isPublicAddress(address), address).toBe(false);
	});

	it('takes public IPv6 in global unicast', () => {
		for (const address of ['2a00:1450:4009:81f::200e', '2606:4700::1111', '2620:1ec:21::14'])
			expect(isPublicAddress(address), address).toBe(true);
	});

	it('judges an IPv4-mapped IPv6 address, dotted or in hex, by its IPv4 address', () => {
		expect(isPublicAddress('::ffff:127.0.0.1')).toBe(false);
		expect(isPublicAddress('::ffff:7f00:1')).toBe(false);
		expect(isPublicAddress('::FFFF:10.1.2.3')).toBe(false);
		expect(isPublicAddress('::ffff:a9fe:a9fe')).toBe(false); // 169.254.169.254
		expect(isPublicAddress('0:0:0:0:0:ffff:c0a8:0101')).toBe(false); // 192.168.1.1
		expect(isPublicAddress('::ffff:8.8.8.8')).toBe(true);
		expect(addressBits('::ffff:10.1.2.3')).toBe(addressBits('10.1.2.3'));
	});

	it('judges NAT64 and 6to4 addresses by the IPv4 address inside them', () => {
		expect(isPublicAddress('64:ff9b::10.0.0.1')).toBe(false);
		expect(isPublicAddress('64:ff9b::7f00:1')).toBe(false);
		expect(isPublicAddress('64:ff9b::8.8.8.8')).toBe(true);
		expect(isPublicAddress('2002:0a00:0001::1')).toBe(false); // 10.0.0.1
		expect(isPublicAddress('2002:0808:0808::1')).toBe(true); // 8.8.8.8
		expect(isPublicAddress('64:ff9b:1::1')).toBe(false);
	});

	it('says no to anything that is not an address', () => {
		for (const text of ['', 'localhost', 'login.example', '10.0.0', '1.2.3.256', '::1::2'])
			expect(isPublicAddress(text), text).toBe(false);
	});
});

describe('SSO_ALLOWED_NETWORKS', () => {
	it('reads IPv4 and IPv6 networks separated by commas or spaces, and single addresses', () => {
		const allowed = networks(' 10.20.0.0/16, fd12:3456::/48  192.168.7.9 ');
		expect(allowed.map((n) => n.text)).toEqual(['10.20.0.0/16', 'fd12:3456::/48', '192.168.7.9']);
		expect(inNetworks('10.20.255.1', allowed)).toBe(true);
		expect(inNetworks('10.21.0.1', allowed)).toBe(false);
		expect(inNetworks('fd12:3456:0:1::5', allowed)).toBe(true);
		expect(inNetworks('fd12:3457::5', allowed)).toBe(false);
		expect(inNetworks('192.168.7.9', allowed)).toBe(true);
		expect(inNetworks('192.168.7.10', allowed)).toBe(false);
		expect(networks('')).toEqual([]);
		expect(networks(' , ')).toEqual([]);
	});

	it('lets an IPv4 network cover the same address written IPv4-mapped', () => {
		const allowed = networks('10.20.0.0/16');
		expect(inNetworks('::ffff:10.20.1.2', allowed)).toBe(true);
		expect(inNetworks('::ffff:a14:102', allowed)).toBe(true);
		expect(networks('::ffff:10.20.0.0/112')[0]).toMatchObject({
			base: allowed[0]!.base,
			prefix: 112
		});
	});

	it('allows a non-public address in the list and every public one, nothing else', () => {
		const allowed = networks('10.20.0.0/16, 127.0.0.1/32');
		expect(addressAllowed('10.20.3.4', allowed)).toBe(true);
		expect(addressAllowed('127.0.0.1', allowed)).toBe(true);
		expect(addressAllowed('127.0.0.2', allowed)).toBe(false);
		expect(addressAllowed('10.30.0.1', allowed)).toBe(false);
		expect(addressAllowed('::1', allowed)).toBe(false);
		expect(addressAllowed('8.8.8.8', [])).toBe(true);
		expect(addressAllowed('192.168.1.1', [])).toBe(false);
	});

	it('names a part that is not a network, and refuses host bits after the prefix', () => {
		for (const bad of [
			'10.0.0.0/33',
			'fd00::/129',
			'banana',
			'10.1.2.3/8',
			'fd12::1/16',
			'10.0.0.0/8/1',
			'10.0.0.0/x',
			'fe80::1%eth0/128'
		]) {
			const parsed = parseNetworks(`192.168.0.0/16, ${bad}`);
			expect(parsed, bad).toEqual({ error: expect.stringContaining(`"${bad}" is not a network`) });
		}
		expect(parseNetwork('10.0.0.0/8')).toMatchObject({ prefix: 104 });
		expect(parseNetwork('0.0.0.0/0')).toMatchObject({ prefix: 96 });
	});
});
