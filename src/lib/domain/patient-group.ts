import { z } from 'zod';
import { BriefingFormat } from './format';
import { Id } from './ids';
import { LanguageCode } from './language';

/** Communication needs, after the Accessible Information Standard (DCB1605) categories. */
export const communicationNeeds = [
	'easyRead',
	'largePrint',
	'braille',
	'audio',
	'bsl',
	'interpreter',
	'carerOrAdvocate'
] as const;
export const CommunicationNeed = z.enum(communicationNeeds);
export type CommunicationNeed = z.infer<typeof CommunicationNeed>;

/** The ages a group covers, for the ward's "not sure?" questions. */
export const ageBands = ['child', 'adult', 'older'] as const;
export const AgeBand = z.enum(ageBands);
export type AgeBand = z.infer<typeof AgeBand>;

function unique<T>(items: readonly T[]) {
	return new Set(items).size === items.length;
}

export const PatientGroupInput = z.strictObject({
	name: z.string().trim().min(1).max(100),
	description: z.string().trim().max(600).default(''),
	communicationNeeds: z.array(CommunicationNeed).refine(unique, 'repeated').default([]),
	/** In order of preference: the first that exists, published and in date, is recommended. */
	preferredFormats: z.array(BriefingFormat).min(1).refine(unique, 'repeated'),
	usualLanguages: z.array(LanguageCode).min(1).refine(unique, 'repeated'),
	ageBands: z.array(AgeBand).refine(unique, 'repeated').default([])
});
export type PatientGroupInput = z.infer<typeof PatientGroupInput>;

export const PatientGroup = z.strictObject({
	...PatientGroupInput.shape,
	id: Id,
	organisationId: Id,
	archived: z.boolean()
});
export type PatientGroup = z.infer<typeof PatientGroup>;
