import { describe, expect, it } from 'vitest';
import { hasVoiceFor } from './read-aloud';

describe('hasVoiceFor', () => {
	it('matches a voice by the language alone, whatever the region or separator', () => {
		const voices = [{ lang: 'en-GB' }, { lang: 'cy_GB' }];
		expect(hasVoiceFor('en', voices)).toBe(true);
		expect(hasVoiceFor('cy', voices)).toBe(true);
		expect(hasVoiceFor('EN-us', voices)).toBe(true);
	});

	it('says no rather than read Arabic with an English voice', () => {
		expect(hasVoiceFor('ar', [{ lang: 'en-GB' }])).toBe(false);
		expect(hasVoiceFor('ar', [])).toBe(false);
	});
});
