import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise, parseCsv, toCsv } from './csv';

describe('CSV (RFC 4180)', () => {
	it('reads quoted fields with commas, doubled quotes and line breaks', () => {
		expect(parseCsv('a,"b ""c""",d\r\n1,"x,\ny",3\r\n')).toEqual({
			ok: true,
			rows: [
				['a', 'b "c"', 'd'],
				['1', 'x,\ny', '3']
			]
		});
	});

	it('takes LF line ends, a byte order mark, empty fields and no final line break', () => {
		expect(parseCsv('\ufeffa,,c\n1,2,')).toEqual({
			ok: true,
			rows: [
				['a', '', 'c'],
				['1', '2', '']
			]
		});
	});

	it('refuses a quote left open, naming the row it opened on', () => {
		expect(parseCsv('a,b\n1,"2\n3,4')).toEqual({ ok: false, row: 2 });
	});

	it('writes CRLF with a byte order mark, quoting only what needs it', () => {
		expect(
			toCsv([
				['period', 'value'],
				['2026-W48', 'a "b", c'],
				['x', null]
			])
		).toBe('\ufeffperiod,value\r\n2026-W48,"a ""b"", c"\r\nx,\r\n');
	});

	it('reads back whatever it writes', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 5 }), {
					minLength: 1,
					maxLength: 6
				}),
				(rows) => {
					expect(parseCsv(toCsv(rows))).toEqual({
						ok: true,
						rows: rows.map((r) => r.map(neutralise))
					});
				}
			)
		);
	});

	it('keeps text a spreadsheet would run as a formula as text, and numbers as numbers', () => {
		expect(
			toCsv([['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx', 'Ward 7', -3, 4.5]])
		).toBe(
			'\ufeff"\'=HYPERLINK(""http://x"")",\'+1,\'-2,\'@SUM(A1),\'\tx,"\'\rx",Ward 7,-3,4.5\r\n'
		);
	});
});
