import { z } from 'zod';
import { Id, IsoDateTime } from './ids';
import { PatientToken } from './delivery-record';
import { LanguageCode } from './language';

/** The Friends and Family Test scale, in its order. */
export const fftAnswers = ['veryGood', 'good', 'neither', 'poor', 'veryPoor', 'dontKnow'] as const;
export const FftAnswer = z.enum(fftAnswers);
export type FftAnswer = z.infer<typeof FftAnswer>;

export const YesNotSureNo = z.enum(['yes', 'notSure', 'no']);
export type YesNotSureNo = z.infer<typeof YesNotSureNo>;

export const FEEDBACK_TEXT_MAX = 1000;

/**
 * A patient's answers: every question optional, free text length-limited. Shown to leads
 * only and never exported. The token (from the QR code) is the only link to a delivery.
 * `submissionId`: the phone's name for this Send, kept with a queued copy, so that the answers
 * are stored once however often they arrive; optional, for pages already on phones without it.
 */
export const FeedbackInput = z
	.strictObject({
		token: PatientToken.optional(),
		submissionId: Id.optional(),
		briefingId: Id,
		language: LanguageCode,
		overall: FftAnswer.optional(),
		knowsHowToGetHelp: YesNotSureNo.optional(),
		ableToAskHandHygiene: YesNotSureNo.optional(),
		freeText: z.string().trim().max(FEEDBACK_TEXT_MAX).optional()
	})
	.refine((f) => f.overall || f.knowsHowToGetHelp || f.ableToAskHandHygiene || f.freeText, {
		message: 'empty',
		path: ['overall']
	});
export type FeedbackInput = z.infer<typeof FeedbackInput>;

export const Feedback = z.strictObject({
	id: Id,
	organisationId: Id,
	briefingId: Id,
	versionId: Id.nullable(),
	deliveryId: Id.nullable(),
	language: LanguageCode,
	overall: FftAnswer.nullable(),
	knowsHowToGetHelp: YesNotSureNo.nullable(),
	ableToAskHandHygiene: YesNotSureNo.nullable(),
	freeText: z.string().max(FEEDBACK_TEXT_MAX).nullable(),
	receivedAt: IsoDateTime
});
export type Feedback = z.infer<typeof Feedback>;

/** Positive for the measure "feedback positive": Very good + Good, over all answers. */
export function isPositive(answer: FftAnswer): boolean {
	return answer === 'veryGood' || answer === 'good';
}
