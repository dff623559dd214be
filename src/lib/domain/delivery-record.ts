import { z } from 'zod';
import { BriefingFormat } from './format';
import { Id, IsoDateTime, UuidV7 } from './ids';
import { LanguageCode } from './language';
import { LINK_TOKEN } from './link-token';

export const deliveryOutcomes = ['delivered', 'partly', 'declined', 'notPossibleNow'] as const;
export const DeliveryOutcome = z.enum(deliveryOutcomes);
export type DeliveryOutcome = z.infer<typeof DeliveryOutcome>;

/** 128 random bits or more, base64url: unguessable, and says nothing about the patient. */
export const PatientToken = z.string().regex(LINK_TOKEN);

export const teachBackResults = ['confirmed', 'partly', 'notDone'] as const;
export const TeachBack = z.enum(teachBackResults);
export type TeachBack = z.infer<typeof TeachBack>;

/**
 * The answers to the record's questions other than the outcome: `null` is "not recorded",
 * what the nurse did not say. Never a default: a device from before this rule sends booleans,
 * which are still true answers and still accepted.
 */
const Answered = z.boolean().nullable();

const deliveryRecordFields = z.strictObject({
	id: UuidV7,
	wardId: Id,
	patientGroupId: Id,
	briefingId: Id,
	versionId: Id,
	format: BriefingFormat,
	language: LanguageCode,
	outcome: DeliveryOutcome,
	talkedThrough: Answered,
	interpreterUsed: Answered,
	carerPresent: Answered,
	teachBack: TeachBack.nullable(),
	/**
	 * The language the patient needed, when it differs from the one given ("needed Polish,
	 * given English with an interpreter"): unmet need. Absent or null when it was the same, or
	 * not said.
	 */
	languageNeeded: LanguageCode.nullable().optional(),
	recordedAt: IsoDateTime,
	/**
	 * The random token in the QR code shown to the patient, made on the device (so it works
	 * offline). It links the patient's view and feedback to this delivery and to nothing else.
	 */
	patientToken: PatientToken.optional()
});

/**
 * What the device sends for one delivery. Strict: any other key (a name, an NHS number, a
 * note about the patient) is refused, so no patient identifier can reach the server.
 */
export const DeliveryRecordInput = deliveryRecordFields.refine(
	(r) => r.languageNeeded == null || r.languageNeeded !== r.language,
	{ path: ['languageNeeded'], message: 'the same as the language given' }
);
export type DeliveryRecordInput = z.infer<typeof DeliveryRecordInput>;

/** The stored record: the device's input plus what the server adds on receipt. */
export const DeliveryRecord = z.strictObject({
	...deliveryRecordFields.omit({ patientToken: true }).shape,
	organisationId: Id,
	receivedAt: IsoDateTime,
	recordedBy: Id
});
export type DeliveryRecord = z.infer<typeof DeliveryRecord>;

/**
 * What a lead may correct on a record later; the original stays in the audit trail. Any
 * question may be set back to "not recorded" (null), and the language the patient needed
 * changed or cleared (null: the language given). That it differs from the language given is
 * checked against the stored record (see correctDelivery).
 */
export const DeliveryCorrection = deliveryRecordFields
	.pick({
		outcome: true,
		talkedThrough: true,
		interpreterUsed: true,
		carerPresent: true,
		teachBack: true
	})
	.extend({ languageNeeded: LanguageCode.nullable() });
export type DeliveryCorrection = z.infer<typeof DeliveryCorrection>;

/** The radio a correction form offers to set a question back to "not recorded". */
export const NOT_RECORDED = 'notRecorded';

/** A question left unanswered, or set back to "not recorded" on the form, is null. */
const yesNo = z
	.enum(['yes', 'no', NOT_RECORDED])
	.optional()
	.transform((v) => (v === undefined || v === NOT_RECORDED ? null : v === 'yes'));

/**
 * The same correction as an HTML form sends it: radios answer "yes", "no" or "notRecorded"
 * (or nothing, which is also not recorded); the language needed is a select whose empty
 * choice is "the language given".
 */
export const DeliveryCorrectionForm = z.strictObject({
	outcome: DeliveryOutcome,
	talkedThrough: yesNo,
	interpreterUsed: yesNo,
	carerPresent: yesNo,
	teachBack: z
		.union([TeachBack, z.literal(NOT_RECORDED)])
		.optional()
		.transform((v) => (v === undefined || v === NOT_RECORDED ? null : v)),
	languageNeeded: z
		.union([LanguageCode, z.literal('')])
		.optional()
		.transform((v) => (v ? v : null))
});
