import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { easyReadSymbols } from './symbols';

const editor = JSON.parse(readFileSync(join(process.cwd(), 'locales/en/editor.json'), 'utf8')) as {
	symbol: Record<string, string>;
};

describe('the easy-read symbol set', () => {
	it('names every bundled symbol in the locales, and nothing else', () => {
		expect(Object.keys(editor.symbol).sort()).toEqual(easyReadSymbols.map((s) => s.id).sort());
	});

	it('has a picture and a starting alt text for every symbol', () => {
		for (const symbol of easyReadSymbols) {
			expect(existsSync(join(process.cwd(), 'static/symbols', `${symbol.id}.svg`)), symbol.id).toBe(
				true
			);
			expect(symbol.alt.trim(), symbol.id).not.toBe('');
		}
	});
});
