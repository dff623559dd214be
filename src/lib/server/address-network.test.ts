import { describe, expect, it } from 'vitest';
import { addressNetwork } from './address-network';
import { addressKey } from './rate-limit';

describe('addressNetwork', () => {
	it('keeps an IPv4 address as it is', () => {
		expect(addressNetwork('192.0.2.52')).toBe('192.0.2.52');
	});

	it('takes an IPv6 address, written in full, to its /64', () => {
		expect(addressNetwork('2001:0db8:000a:000b:1234:5678:9abc:def0')).toBe('2001:db8:a:b::/64');
	});

	it('gives every form of the same /64 one answer: compressed, upper case, zone', () => {
		const network = '2001:db8:a:b::/64';
		for (const address of [
			'2001:db8:a:b::1',
			'2001:DB8:A:B:FFFF::',
			'2001:db8:a:b:0:0:0:2',
			'2001:db8:a:b::192.0.2.1',
			'2001:db8:a:b::1%eth0'
		])
			expect(addressNetwork(address), address).toBe(network);
		expect(addressNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressNetwork('::1')).toBe('0:0:0:0::/64');
		expect(addressNetwork('::')).toBe('0:0:0:0::/64');
	});

	it('tells neighbouring /64s apart', () => {
		expect(addressNetwork('2001:db8:a:c::1')).not.toBe(addressNetwork('2001:db8:a:b::1'));
		expect(addressNetwork('2001:db8:a:b::1')).not.toBe(addressNetwork('2001:db9:a:b::1'));
	});

	it('takes an IPv4-mapped IPv6 address to its IPv4 address, dotted or in hex', () => {
		expect(addressNetwork('::ffff:192.0.2.52')).toBe('192.0.2.52');
		expect(addressNetwork('::FFFF:c000:0234')).toBe('192.0.2.52');
		expect(addressNetwork('0:0:0:0:0:ffff:192.0.2.52')).toBe('192.0.2.52');
	});

	it('returns what is not an address unchanged', () => {
		expect(addressNetwork('')).toBe('');
		expect(addressNetwork('not an address')).toBe('not an address');
	});
});

describe('addressKey', () => {
	it('is one key for a phone rotating addresses inside its /64', () => {
		expect(addressKey('2001:db8:a:b::1')).toBe(addressKey('2001:db8:a:b:9f3e:12:7:1'));
		expect(addressKey('2001:db8:a:c::1')).not.toBe(addressKey('2001:db8:a:b::1'));
	});

	it('is one key for an IPv4 client, mapped or not', () => {
		expect(addressKey('::ffff:192.0.2.52')).toBe(addressKey('192.0.2.52'));
		expect(addressKey('192.0.2.53')).not.toBe(addressKey('192.0.2.52'));
	});
});
