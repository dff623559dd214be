import { createInstance, type TFunction } from 'i18next';
import { defaultUiLanguage, isUiLanguage, type UiLanguage } from '$lib/domain/language';
import { formatDateIn } from '$lib/i18n/context';

/*
 * Messages are written once, when their event happens, in their recipient's staff interface
 * language (English where none is chosen), from locales/<lang>/mail.json: a namespace only the
 * server reads, so its strings never ride along with a page. What they may hold: a briefing's
 * topic and version number, people's names, a reviewer's comment on the content (staff text
 * about a leaflet, never about a patient), the organisation's name and links. Never a record,
 * a patient's answer or anything about a patient.
 */

const files = import.meta.glob<Record<string, unknown>>('/locales/*/mail.json', {
	import: 'default',
	eager: true
});

const translators = new Map<UiLanguage, TFunction>();

function translatorFor(lang: UiLanguage): TFunction {
	let t = translators.get(lang);
	if (t) return t;
	const i18n = createInstance();
	const bundle = (code: string) => files[`/locales/${code}/mail.json`] ?? {};
	void i18n.init({
		lng: lang,
		resources: { [lang]: { mail: bundle(lang) }, en: { mail: bundle('en') } },
		ns: ['mail'],
		defaultNS: 'mail',
		fallbackLng: 'en',
		interpolation: { escapeValue: false }, // the HTML part escapes what it writes
		initAsync: false
	});
	t = i18n.getFixedT(lang);
	translators.set(lang, t);
	return t;
}

/** A recipient's language as stored (042): theirs if it is a staff language, else English. */
export function mailLanguage(stored: string | null | undefined): UiLanguage {
	return isUiLanguage(stored) ? stored : defaultUiLanguage;
}

export interface RenderedMessage {
	subject: string;
	text: string;
	html: string;
}

/** One paragraph of a message: plain text, or text followed by a link on its own line. */
type Block =
	| { text: string }
	| { text: string; link: string }
	| { list: Array<{ text: string; link: string }> };

const escape = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

const anchor = (link: string) => `<a href="${escape(link)}">${escape(link)}</a>`;

function compose(lang: UiLanguage, subject: string, blocks: Block[]): RenderedMessage {
	const text = blocks
		.map((b) =>
			'list' in b
				? b.list.map((item) => `- ${item.text}\n  ${item.link}`).join('\n')
				: 'link' in b
					? `${b.text}\n${b.link}`
					: b.text
		)
		.join('\n\n');
	const dir = lang === 'ar' ? 'rtl' : 'ltr';
	const body = blocks
		.map((b) =>
			'list' in b
				? `<ul>${b.list.map((item) => `<li>${escape(item.text)}<br>${anchor(item.link)}</li>`).join('')}</ul>`
				: 'link' in b
					? `<p>${escape(b.text)}<br>${anchor(b.link)}</p>`
					: `<p>${escape(b.text).replaceAll('\n', '<br>')}</p>`
		)
		.join('\n');
	const html =
		`<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8">` +
		`<title>${escape(subject)}</title></head><body>\n${body}\n</body></html>`;
	return { subject, text: `${text}\n`, html };
}

export const stepEvents = ['submit', 'return', 'approve', 'publish', 'withdraw'] as const;
export type StepEvent = (typeof stepEvents)[number];

/** Why the recipient of each event gets it (the footer says so). */
type Reason = 'reviewer' | 'submitter' | 'approver' | 'lead';
const reasonOf: Record<StepEvent, Reason> = {
	submit: 'reviewer',
	return: 'submitter',
	approve: 'submitter',
	publish: 'lead',
	withdraw: 'approver'
};

/** The step's comment, and the words that introduce it: the reviewer's, the lead's reason. */
const commentLabel: Partial<Record<StepEvent, string>> = {
	return: 'steps.return.comment',
	withdraw: 'steps.withdraw.reason'
};

export interface StepMessage {
	event: StepEvent;
	recipientName: string;
	actorName: string;
	organisation: string;
	topic: string;
	number: number;
	/** The reviewer's comment on a return, the lead's reason for a withdrawal. */
	comment?: string;
	versionLink: string;
	settingsLink: string;
}

export function renderStepMessage(lang: UiLanguage, m: StepMessage): RenderedMessage {
	const t = translatorFor(lang);
	const facts = { topic: m.topic, number: m.number, actor: m.actorName };
	const label = commentLabel[m.event];
	const comment = label && m.comment ? `${t(label)}\n${m.comment}` : null;
	return compose(lang, t(`steps.${m.event}.subject`, facts), [
		{ text: t('greeting', { name: m.recipientName }) },
		{ text: t(`steps.${m.event}.body`, facts) },
		...(comment ? [{ text: comment }] : []),
		{ text: t('open'), link: m.versionLink },
		...footer(t, reasonOf[m.event], m.organisation, m.settingsLink)
	]);
}

export interface DigestItem {
	topic: string;
	number: number;
	reviewBy: string;
	overdue: boolean;
	link: string;
}

export interface DigestMessage {
	recipientName: string;
	organisation: string;
	items: DigestItem[];
	studioLink: string;
	settingsLink: string;
}

export function renderDigest(lang: UiLanguage, m: DigestMessage): RenderedMessage {
	const t = translatorFor(lang);
	const lines = m.items.map((item) => ({
		text: t(item.overdue ? 'digest.overdue' : 'digest.due', {
			topic: item.topic,
			number: item.number,
			date: formatDateIn(lang, item.reviewBy, 'date')
		}),
		link: item.link
	}));
	return compose(lang, t('digest.subject', { organisation: m.organisation }), [
		{ text: t('greeting', { name: m.recipientName }) },
		{ text: t('digest.intro', { count: m.items.length }) },
		{ list: lines },
		{ text: t('digest.studio'), link: m.studioLink },
		...footer(t, 'digest', m.organisation, m.settingsLink)
	]);
}

function footer(
	t: TFunction,
	reason: Reason | 'digest',
	organisation: string,
	settingsLink: string
): Block[] {
	return [
		{ text: '—' },
		{ text: t(`footer.${reason}`, { organisation }) },
		{ text: t('footer.settings'), link: settingsLink },
		{ text: t('footer.noReply') }
	];
}
