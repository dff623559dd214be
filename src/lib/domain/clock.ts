/*
 * Whether a ward tablet's clock is right. Each record is dated by the tablet's clock: one set
 * hours behind dates every record on the wrong day or week (the server cannot tell; it refuses
 * only records dated in the future), so the ward is told as soon as the tablet next hears from
 * the server, before any record is made.
 */

/** How far the clock may be out before the ward is told: the server's tolerance for a record dated ahead. */
export const CLOCK_WARN_MS = 5 * 60_000;

/**
 * How far this device's clock is from the server's, in ms (positive: ahead), from an answer's
 * Date header and the device's clock when the request was sent and its answer came back. The
 * header is in whole seconds and the answer was made somewhere between sending and receiving, so
 * the difference is known only within that window: null unless the whole window is more than
 * CLOCK_WARN_MS out (a slow answer on weak Wi-Fi never makes a right clock look wrong), or when
 * the header is missing or unreadable.
 */
export function clockOffset(
	dateHeader: string | null,
	sentAt: number,
	receivedAt: number
): number | null {
	const server = dateHeader ? Date.parse(dateHeader) : NaN;
	if (!Number.isFinite(server) || receivedAt < sentAt) return null;
	// The server's clock was in [server, server + 1 s) when the device's was in [sentAt, receivedAt].
	const least = sentAt - (server + 1000);
	const most = receivedAt - server;
	if (least > CLOCK_WARN_MS || most < -CLOCK_WARN_MS) return Math.round((least + most) / 2);
	return null;
}
