/**
 * The pages of a PDF that Chromium printed, by their MediaBox in whole points (A4 is 595 × 842, A5
 * 420 × 595). Chromium writes each page's dictionary as plain text, so its MediaBox can
 * be read without a PDF library.
 */
export function pdfPageSizes(pdf: Buffer): Array<[number, number]> {
	const text = pdf.toString('latin1');
	return [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [
		Math.round(Number(m[1])),
		Math.round(Number(m[2]))
	]);
}

export const A4: [number, number] = [595, 842];
export const A5: [number, number] = [420, 595];
