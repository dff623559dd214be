import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ContentText from './ContentText.svelte';

const html = (text: string) =>
	render(ContentText, { props: { text } }).body.replace(/<!--.*?-->/g, '');

describe('ContentText', () => {
	it('makes a phone number a tel: link that reads left to right', () => {
		expect(html('PALS: 0300 000 0000, or call 111.')).toBe(
			'PALS: <a href="tel:03000000000" dir="ltr">0300 000 0000</a>, or call <a href="tel:111" dir="ltr">111</a>.'
		);
	});

	it('escapes content, around a number and in it', () => {
		const out = html('<img src=x onerror=alert(1)> 0300 000 0000 "><b>');
		expect(out).not.toContain('<img');
		expect(out).not.toContain('<b>');
		expect(out).toContain('&lt;img src=x onerror=alert(1)> <a href="tel:03000000000" dir="ltr">');
	});

	it('leaves text without a number as it is', () => {
		expect(html('Use the call bell.')).toBe('Use the call bell.');
	});
});
