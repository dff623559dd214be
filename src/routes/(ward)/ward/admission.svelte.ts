import { v7 as uuidv7 } from 'uuid';
import { reviewState } from '$lib/domain/briefing';
import { localDay } from '$lib/domain/local-time';
import type { DeliveryOutcome, DeliveryRecordInput, TeachBack } from '$lib/domain/delivery-record';
import type { BriefingFormat } from '$lib/domain/format';
import type { LanguageCode } from '$lib/domain/language';
import { recommendFormat, type Recommendation } from '$lib/domain/recommendation';
import type { WardBriefing, WardContent, WardGroup } from '$lib/domain/ward-content';
import { newPatientToken } from '$lib/client/patient-token';

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

/**
 * One admission, step by step: group → language → recommendation → deliver → record → saved.
 * Pure state: it reads the ward's content and hands back a record to save; the page saves it.
 */
export class Admission {
	step = $state<Step>('group');
	group = $state<WardGroup | null>(null);
	language = $state<string | null>(null);
	briefing = $state<WardBriefing | null>(null);
	format = $state<BriefingFormat | null>(null);
	variantLanguage = $state<string | null>(null);
	patientToken = $state<string | null>(null);
	savedId = $state<string | null>(null);

	#content: () => WardContent;

	constructor(content: () => WardContent) {
		this.#content = content;
	}

	chooseGroup(group: WardGroup) {
		this.group = group;
		this.step = 'language';
	}

	chooseLanguage(language: string) {
		this.language = language;
		this.step = 'recommend';
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
		this.briefing = briefing;
		this.format = format;
		this.variantLanguage = variantLanguage;
		this.patientToken = null;
		this.step = 'deliver';
	}

	get variant() {
		return (
			this.briefing?.variants.find(
				(v) => v.format === this.format && v.language === this.variantLanguage
			) ?? null
		);
	}

	showQrCode() {
		this.patientToken ??= newPatientToken();
	}

	/**
	 * The language the nurse chose for the patient at the language step, when the briefing was
	 * given in another: what the patient needed. Said by the nurse, not guessed; the record
	 * step shows it and lets them change or clear it. Nothing else on that step is pre-chosen.
	 */
	get languageNeeded(): LanguageCode | null {
		return this.language && this.language !== this.variantLanguage
			? (this.language as LanguageCode)
			: null;
	}

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, never mutated
	toRecord(wardId: string, answers: RecordAnswers, now = new Date()): DeliveryRecordInput {
		if (!this.group || !this.briefing || !this.format || !this.variantLanguage)
			throw new Error('Nothing to record yet');
		return {
			id: uuidv7({ msecs: now.getTime() }),
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

	saved(id: string) {
		this.savedId = id;
		this.step = 'saved';
	}

	back() {
		const previous: Record<Step, Step> = {
			group: 'group',
			language: 'group',
			recommend: 'language',
			deliver: 'recommend',
			record: 'deliver',
			saved: 'saved'
		};
		this.step = previous[this.step];
	}

	/** Next patient, or the same group and language again ("try again later"). */
	reset(keep?: { group: WardGroup; language: string }) {
		this.group = keep?.group ?? null;
		this.language = keep?.language ?? null;
		this.briefing = null;
		this.format = null;
		this.variantLanguage = null;
		this.patientToken = null;
		this.savedId = null;
		this.step = keep ? 'recommend' : 'group';
	}
}
