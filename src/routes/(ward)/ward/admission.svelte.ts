import { v7 as uuidv7 } from 'uuid';
import { reviewState } from '$lib/domain/briefing';
import { localDay } from '$lib/domain/local-time';
import type { DeliveryOutcome, DeliveryRecordInput, TeachBack } from '$lib/domain/delivery-record';
import type { BriefingFormat } from '$lib/domain/format';
import type { LanguageCode } from '$lib/domain/language';
import { recommendFormat, type Recommendation, type Why } from '$lib/domain/recommendation';
import type { WardBriefing, WardContent, WardGroup } from '$lib/domain/ward-content';
import { newPatientToken } from '$lib/client/patient-token';
import type { PatientCodeRequest } from '$lib/domain/patient-code';

export type Step = 'group' | 'language' | 'recommend' | 'deliver' | 'record' | 'saved';

export interface Choice {
	briefing: WardBriefing;
	recommendation: Recommendation | null;
	/** Past its review date: shown, flagged, never recommended. */
	overdue: boolean;
}

/** What the nurse said on the record step; `null` is a question left unanswered. */
export interface RecordAnswers {
	outcome: DeliveryOutcome;
	talkedThrough: boolean | null;
	interpreterUsed: boolean | null;
	carerPresent: boolean | null;
	teachBack: TeachBack | null;
	languageNeeded: LanguageCode | null;
}

/** Asking the server for a typed code: `offline` when it could not be reached. */
export type CodeState = 'none' | 'asking' | 'ready' | 'offline';

/**
 * One admission, step by step: group → language → recommendation → deliver → record → saved.
 * Pure state: it reads the ward's content and hands back a record to save; the page saves it.
 * A question with one possible answer is not asked (issue 15): the language when the group's
 * briefings exist in one language only; the recommendation when there is one briefing whose
 * only format is the group's first choice. Back goes to the step last shown.
 */
export class Admission {
	step = $state<Step>('group');
	group = $state<WardGroup | null>(null);
	language = $state<string | null>(null);
	briefing = $state<WardBriefing | null>(null);
	format = $state<BriefingFormat | null>(null);
	variantLanguage = $state<string | null>(null);
	patientToken = $state<string | null>(null);
	patientCode = $state<string | null>(null);
	codeState = $state<CodeState>('none');
	savedId = $state<string | null>(null);

	#content: () => WardContent;
	/** The steps shown before this one, for Back. */
	#shown: Step[] = [];
	/**
	 * The record being saved, kept across presses of Save until it is saved: a second press
	 * after a failed or slow save writes the same record (same id), never a second one.
	 */
	#pending: string | null = null;

	constructor(content: () => WardContent) {
		this.#content = content;
	}

	#go(step: Step) {
		if (step !== this.step) this.#shown.push(this.step);
		this.step = step;
	}

	chooseGroup(group: WardGroup) {
		this.#pending = null;
		this.group = group;
		const only = this.#onlyLanguage(group);
		if (only) this.chooseLanguage(only);
		else this.#go('language');
	}

	/**
	 * One briefing whose group's first-choice format exists in the language: it opens at once,
	 * its other formats a tap away on the deliver step (which shows the format it is giving).
	 * Anything to explain (a later choice, a missing format, an interpreter) or to choose
	 * between (several briefings) is the recommendation step's.
	 */
	chooseLanguage(language: string) {
		this.language = language;
		const [only, ...others] = this.choices;
		const rec = only?.recommendation;
		if (only && rec && others.length === 0 && rec.why === 'firstChoice')
			this.start(only.briefing, rec.format, rec.language);
		else this.#go('recommend');
	}

	/** The one language the group's briefings exist in, if only one. */
	#onlyLanguage(group: WardGroup): string | null {
		const { briefings } = this.#content();
		const languages = group.briefingIds.flatMap(
			(id) => briefings.find((b) => b.id === id)?.variants.map((v) => v.language) ?? []
		);
		const [first] = languages;
		return first && languages.every((l) => l === first) ? first : null;
	}

	/** Whether the ward has a published briefing for the group: none, and there is nothing to give. */
	hasBriefings(group: WardGroup): boolean {
		const { briefings } = this.#content();
		return group.briefingIds.some((id) => briefings.some((b) => b.id === id));
	}

	/** The group's briefings, each with its recommended format in the chosen language. */
	get choices(): Choice[] {
		const group = this.group;
		const language = this.language;
		if (!group || !language) return [];
		const content = this.#content();
		return group.briefingIds.flatMap((id) => {
			const briefing = content.briefings.find((b) => b.id === id);
			if (!briefing) return [];
			const today = localDay(Date.now(), content.timeZone);
			const overdue = reviewState(briefing.reviewBy, today) === 'overdue';
			const recommendation = overdue ? null : recommendFormat(group, language, briefing.variants);
			return [{ briefing, recommendation, overdue }];
		});
	}

	start(briefing: WardBriefing, format: BriefingFormat, variantLanguage: string) {
		this.#pending = null;
		this.briefing = briefing;
		this.format = format;
		this.variantLanguage = variantLanguage;
		this.#forgetLink();
		this.#go('deliver');
	}

	/** The recommendation for the briefing being given, in the language being given. */
	get #recommendation(): Recommendation | null {
		const id = this.briefing?.id;
		const rec = this.choices.find((c) => c.briefing.id === id)?.recommendation ?? null;
		return rec && rec.language === this.variantLanguage ? rec : null;
	}

	/** The recommended format and its alternatives, best first: the deliver step's switch. */
	get formats(): Array<{ format: BriefingFormat; recommended: boolean }> {
		const rec = this.#recommendation;
		if (!rec) return [];
		return [rec.format, ...rec.alternatives].map((format) => ({
			format,
			recommended: format === rec.format
		}));
	}

	/** Why the recommended format was recommended, said again on the deliver step. */
	get why(): Why | null {
		return this.#recommendation?.why ?? null;
	}

	/** Another format of the same briefing and language, in place: a new QR link for it. */
	switchFormat(format: BriefingFormat) {
		if (!this.formats.some((f) => f.format === format) || format === this.format) return;
		this.format = format;
		this.#forgetLink();
	}

	#forgetLink() {
		this.patientToken = null;
		this.patientCode = null;
		this.codeState = 'none';
	}

	/** What the server needs to issue a typed code for this QR code. */
	get codeRequest(): PatientCodeRequest | null {
		if (!this.patientToken || !this.briefing || !this.format || !this.variantLanguage) return null;
		return {
			token: this.patientToken,
			briefingId: this.briefing.id,
			language: this.variantLanguage as PatientCodeRequest['language'],
			format: this.format
		};
	}

	get variant() {
		return (
			this.briefing?.variants.find(
				(v) => v.format === this.format && v.language === this.variantLanguage
			) ?? null
		);
	}

	/**
	 * The QR code at once (its link carries all the page needs); the typed code when the server
	 * can be reached. Asked again (the network came back) only while there is none.
	 */
	async showQrCode(askCode: (request: PatientCodeRequest) => Promise<string | null>) {
		this.patientToken ??= newPatientToken();
		const request = this.codeRequest;
		if (!request || this.patientCode || this.codeState === 'asking') return;
		this.codeState = 'asking';
		const code = await askCode(request);
		// The nurse may have moved on to another briefing meanwhile: that code is not this one's.
		if (this.patientToken !== request.token) return;
		this.patientCode = code;
		this.codeState = code ? 'ready' : 'offline';
	}

	/**
	 * The language the nurse chose for the patient at the language step, when the briefing was
	 * given in another: what the patient needed. Said by the nurse, not guessed; the record
	 * step shows it and lets them change or clear it. Nothing else on that step is pre-chosen.
	 * A BSL video given to a group that signs meets the need whatever written language was
	 * chosen (its captions are English): nothing unmet to record.
	 */
	get languageNeeded(): LanguageCode | null {
		if (this.variantLanguage === 'bfi' && this.group?.communicationNeeds.includes('bsl'))
			return null;
		return this.language && this.language !== this.variantLanguage
			? (this.language as LanguageCode)
			: null;
	}

	/**
	 * The one-tap save on the deliver step: delivered, as the nurse said; every other question
	 * not recorded (never a default); the language needed as the language step said.
	 */
	get deliveredOnly(): RecordAnswers {
		return {
			outcome: 'delivered',
			talkedThrough: null,
			interpreterUsed: null,
			carerPresent: null,
			teachBack: null,
			languageNeeded: this.languageNeeded
		};
	}

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, never mutated
	toRecord(wardId: string, answers: RecordAnswers, now = new Date()): DeliveryRecordInput {
		if (!this.group || !this.briefing || !this.format || !this.variantLanguage)
			throw new Error('Nothing to record yet');
		this.#pending ??= uuidv7({ msecs: now.getTime() });
		return {
			id: this.#pending,
			wardId,
			patientGroupId: this.group.id,
			briefingId: this.briefing.id,
			versionId: this.briefing.versionId,
			format: this.format,
			language: this.variantLanguage as DeliveryRecordInput['language'],
			...answers,
			languageNeeded:
				answers.languageNeeded === this.variantLanguage ? null : answers.languageNeeded,
			recordedAt: now.toISOString(),
			...(this.patientToken ? { patientToken: this.patientToken } : {})
		};
	}

	record() {
		this.#go('record');
	}

	saved(id: string) {
		this.#pending = null;
		this.savedId = id;
		this.#shown = [];
		this.step = 'saved';
	}

	back() {
		if (this.step === 'saved') return;
		this.step = this.#shown.pop() ?? 'group';
	}

	/** Next patient, or the same group and language again ("try again later"). */
	reset(keep?: { group: WardGroup; language: string }) {
		this.group = keep?.group ?? null;
		this.language = keep?.language ?? null;
		this.briefing = null;
		this.format = null;
		this.variantLanguage = null;
		this.#forgetLink();
		this.#pending = null;
		this.savedId = null;
		this.#shown = keep ? ['group'] : [];
		this.step = keep ? 'recommend' : 'group';
	}
}
