/*
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF (a lone LF is taken
 * too), a field holding a comma, quote or line break is quoted and its quotes doubled.
 * Small enough to own and test rather than add a dependency for.
 * Example: `a,"b ""c""",d\r\n1,2,3` → [['a', 'b "c"', 'd'], ['1', '2', '3']].
 */
export type CsvResult = { ok: true; rows: string[][] } | { ok: false; row: number };

/** Parses CSV text; a quote left open is an error at the row it opened on (1-based). */
export function parseCsv(text: string): CsvResult {
	const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	let quoteOpenedOnRow = 0;
	let i = 0;
	const endRow = () => {
		row.push(field);
		rows.push(row);
		row = [];
		field = '';
	};
	while (i < input.length) {
		const c = input[i] as string;
		if (quoted) {
			if (c === '"' && input[i + 1] === '"') {
				field += '"';
				i += 2;
			} else if (c === '"') {
				quoted = false;
				i += 1;
			} else {
				field += c;
				i += 1;
			}
		} else if (c === '"' && field === '') {
			quoted = true;
			quoteOpenedOnRow = rows.length + 1;
			i += 1;
		} else if (c === ',') {
			row.push(field);
			field = '';
			i += 1;
		} else if (c === '\r' && input[i + 1] === '\n') {
			endRow();
			i += 2;
		} else if (c === '\n') {
			endRow();
			i += 1;
		} else {
			field += c;
			i += 1;
		}
	}
	if (quoted) return { ok: false, row: quoteOpenedOnRow };
	if (field !== '' || row.length > 0) endRow();
	return { ok: true, rows };
}

function quote(field: string): string {
	return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * Text a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return,
 * as OWASP's CSV injection advice lists them) is kept as text by a leading apostrophe. Numbers
 * are written as numbers and never touched.
 */
export function neutralise(field: string): string {
	return /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
}

/** Writes rows as RFC 4180 CSV with CRLF line ends and a UTF-8 byte order mark for spreadsheets. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
	const field = (f: string | number | null) =>
		f === null ? '' : typeof f === 'number' ? String(f) : quote(neutralise(f));
	return '\ufeff' + rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
