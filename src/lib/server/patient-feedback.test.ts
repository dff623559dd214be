import { describe, expect, it } from 'vitest';
import { feedbackSentAddress, feedbackSentOf } from './patient-feedback';

const page = 'http://localhost/o/demo/b/your-safety-on-our-ward';

describe('feedbackSentAddress', () => {
	it('sends the browser back to the page, its language, format and token kept, at the thanks', () => {
		const action = new URL(`${page}?lang=cy&format=leaflet&t=abc_-12&/feedback`);
		expect(feedbackSentAddress(action, 'saved')).toBe(
			'/o/demo/b/your-safety-on-our-ward?lang=cy&format=leaflet&t=abc_-12&feedback=saved#feedback-heading'
		);
	});

	it('names the action in neither spelling, and holds one marker when sent from the thanks', () => {
		const again = new URL(`${page}?/feedback&lang=en&feedback=saved`);
		expect(feedbackSentAddress(again, 'savedMasked')).toBe(
			'/o/demo/b/your-safety-on-our-ward?lang=en&feedback=savedMasked#feedback-heading'
		);
	});

	it('is the page it names, and what it names the page says', () => {
		const address = new URL(
			feedbackSentAddress(new URL(`${page}?lang=ar&/feedback`), 'savedMasked'),
			page
		);
		expect(address.pathname).toBe('/o/demo/b/your-safety-on-our-ward');
		expect(feedbackSentOf(address)).toBe('savedMasked');
	});
});

describe('feedbackSentOf', () => {
	it('says only what it knows: nothing for no marker or one made up', () => {
		expect(feedbackSentOf(new URL(`${page}?feedback=saved`))).toBe('saved');
		expect(feedbackSentOf(new URL(page))).toBeNull();
		expect(feedbackSentOf(new URL(`${page}?feedback=closed`))).toBeNull();
		expect(feedbackSentOf(new URL(`${page}?feedback=%3Cscript%3E`))).toBeNull();
	});
});
