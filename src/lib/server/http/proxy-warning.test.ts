import { describe, expect, it } from 'vitest';
import { proxyWarning } from './proxy-warning';

const through = (address: string) => new Headers({ 'x-forwarded-for': address });

describe('proxyWarning', () => {
	it('warns once when requests carry X-Forwarded-For and ADDRESS_HEADER is not set', () => {
		const lines: string[] = [];
		const notice = proxyWarning({}, (line) => lines.push(line));
		notice(new Headers());
		expect(lines).toEqual([]);
		notice(through('10.1.2.3'));
		notice(through('10.1.2.4'));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^Warning: .*ADDRESS_HEADER is not set/);
		expect(lines[0]).toContain('docs/deployment.md');
	});

	it('says nothing when ADDRESS_HEADER is set', () => {
		const lines: string[] = [];
		const notice = proxyWarning({ ADDRESS_HEADER: 'X-Forwarded-For' }, (line) => lines.push(line));
		notice(through('10.1.2.3'));
		expect(lines).toEqual([]);
	});
});
