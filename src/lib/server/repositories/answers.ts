/** A yes/no answer as the database keeps it: 1, 0, or null for "not recorded". */
export const toInteger = (answer: boolean | null) => (answer === null ? null : answer ? 1 : 0);

/** And back: null stays null, never "no". */
export const toAnswer = (stored: number | null) => (stored === null ? null : stored === 1);
