/*
 * "Finished": the end of the briefing came into view, or its video played to the end. Sent
 * once, and only for a QR link (the token); nothing else about the view is recorded.
 */
export function reportFinished(article: HTMLElement): void {
	const token = article.dataset.token;
	const end = article.querySelector('[data-briefing-end]');
	if (!token || !end) return;
	let sent = false;
	const finished = () => {
		if (sent) return;
		sent = true;
		observer?.disconnect();
		void fetch('/api/view-events', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ token, event: 'finished' })
		}).catch(() => undefined);
	};
	const player = article.querySelector('video');
	const observer = player
		? null
		: new IntersectionObserver((entries) => {
				if (entries.some((e) => e.isIntersecting)) finished();
			});
	player?.addEventListener('ended', finished);
	observer?.observe(end);
}
