import symbols from '../../../../static/symbols/index.json';

/** The bundled OpenMoji symbols for easy-read pictures (static/symbols/, CC BY-SA 4.0). */
export const easyReadSymbols: ReadonlyArray<{ id: string; alt: string; annotation: string }> =
	symbols.map((s) => ({ id: s.id, alt: s.alt, annotation: s.annotation }));
