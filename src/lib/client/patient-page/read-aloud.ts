/*
 * Read-aloud through the phone's own speech synthesis, in the briefing's language. When the
 * phone has no voice for it, say so plainly rather than read it in the wrong language.
 */
export function hasVoiceFor(language: string, voices: ReadonlyArray<{ lang: string }>): boolean {
	const primary = language.split('-')[0]?.toLowerCase();
	return voices.some((v) => v.lang.toLowerCase().split(/[-_]/)[0] === primary);
}

export function enhanceReadAloud(root: ParentNode, article: HTMLElement): void {
	const box = root.querySelector<HTMLElement>('[data-read-aloud]');
	if (!box) return;
	if (!('speechSynthesis' in window)) {
		box.hidden = true;
		return;
	}
	const language = box.dataset.readAloud ?? 'en';
	const button = box.querySelector('button');
	if (!button) return;
	let speaking = false;

	const setSpeaking = (value: boolean) => {
		speaking = value;
		button.setAttribute('aria-pressed', String(value));
		button.textContent = (value ? button.dataset.stop : button.dataset.read) ?? '';
	};
	// Shown or hidden by visibility in the same grid cell (base.scss), so nothing moves.
	const checkVoices = () => {
		box.dataset.voice = hasVoiceFor(language, speechSynthesis.getVoices()) ? 'yes' : 'no';
	};
	button.addEventListener('click', () => {
		speechSynthesis.cancel();
		if (speaking) return setSpeaking(false);
		const utterance = new SpeechSynthesisUtterance(article.innerText);
		utterance.lang = language;
		const voice = speechSynthesis
			.getVoices()
			.find((v) => v.lang.toLowerCase().startsWith(language.toLowerCase()));
		if (voice) utterance.voice = voice;
		utterance.onend = () => setSpeaking(false);
		setSpeaking(true);
		speechSynthesis.speak(utterance);
	});
	speechSynthesis.addEventListener('voiceschanged', checkVoices);
	addEventListener('pagehide', () => speechSynthesis.cancel());
	checkVoices();
}
