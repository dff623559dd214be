/**
 * A video's length as a patient reads it: whole minutes and the seconds left over, each worded
 * with its language's plural forms ("38 seconds", "2 minutes 5 seconds", "1 minute"), never
 * rounded to "about a minute". A part that is zero is left out, except a video under a second
 * (the schema allows none: at least 1 s).
 */
export function splitDuration(totalSeconds: number): { minutes: number; seconds: number } {
	const whole = Math.max(0, Math.round(totalSeconds));
	return { minutes: Math.floor(whole / 60), seconds: whole % 60 };
}

/** The same length as an ISO 8601 duration, for `<time datetime>`: PT2M5S, PT38S. */
export function isoDuration(totalSeconds: number): string {
	const { minutes, seconds } = splitDuration(totalSeconds);
	return `PT${minutes ? `${minutes}M` : ''}${seconds || !minutes ? `${seconds}S` : ''}`;
}
