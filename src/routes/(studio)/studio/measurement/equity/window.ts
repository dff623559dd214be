/** The equity view and its downloads look at the records of the last 52 weeks. */
export const EQUITY_WINDOW_MS = 364 * 86_400_000;
