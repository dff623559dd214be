import { describe, expect, it } from 'vitest';
import { HSTS, SECURITY_HEADERS, securityHeaders } from './security-headers.js';

describe('securityHeaders', () => {
	it('adds Strict-Transport-Security only for a service served over HTTPS', () => {
		expect(securityHeaders('https://briefings.example.nhs.uk')).toEqual({
			...SECURITY_HEADERS,
			'Strict-Transport-Security': HSTS
		});
		expect(securityHeaders('http://localhost:3000')).toEqual(SECURITY_HEADERS);
		expect(securityHeaders(undefined)).not.toHaveProperty('Strict-Transport-Security');
		expect(HSTS).toBe('max-age=31536000');
	});
});
