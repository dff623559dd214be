import { describe, expect, it } from 'vitest';
import { profileOf, shellFor } from './shell';

const manifest = [
	{ url: '_app/immutable/workers/index-DaZIyp9z.js', revision: null },
	{ url: '_app/immutable/assets/0.Cxfh1A_r.css', revision: null },
	{ url: '_app/immutable/assets/VariantView.CUQ5hxmo.css', revision: null },
	{ url: '_app/immutable/assets/staff.BcBEJNV_.css', revision: null },
	{ url: '_app/immutable/nodes/17.D43Dbgmo.js', revision: null },
	{ url: '_app/immutable/chunks/CQrAegIZ.js', revision: null },
	{ url: '_app/immutable/entry/start.js', revision: null },
	{ url: 'offline/en', revision: 'a1' },
	{ url: 'offline/ar', revision: 'a2' },
	{ url: 'manifest.webmanifest', revision: 'b2' },
	{ url: 'icons/favicon.svg', revision: 'c3' },
	{ url: 'icons/icon-512.png', revision: 'd4' },
	{ url: 'symbols/bell.svg', revision: 'e5' }
];

describe('the shell a worker keeps', () => {
	it('is everything on a staff device', () => {
		expect(shellFor(manifest, 'staff')).toEqual(manifest);
	});

	it('is only what patient pages use on a patient’s phone', () => {
		expect(shellFor(manifest, 'patient').map((e) => (typeof e === 'string' ? e : e.url))).toEqual([
			'_app/immutable/workers/index-DaZIyp9z.js',
			'_app/immutable/assets/0.Cxfh1A_r.css',
			'_app/immutable/assets/VariantView.CUQ5hxmo.css',
			'offline/en',
			'offline/ar',
			'manifest.webmanifest',
			'icons/favicon.svg'
		]);
	});

	it('takes the profile from the query the worker was registered with', () => {
		expect(profileOf('https://x.nhs.uk/service-worker.js?profile=patient')).toBe('patient');
		expect(profileOf('https://x.nhs.uk/service-worker.js')).toBe('staff');
		expect(profileOf('https://x.nhs.uk/service-worker.js?profile=other')).toBe('staff');
	});
});
