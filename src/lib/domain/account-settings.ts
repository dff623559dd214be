import { z } from 'zod';
import { uiLanguages } from './language';

/** The "Your account" form (042): a language, or '' for none chosen; the email ticked. */
export const AccountSettingsForm = z.strictObject({
	language: z.enum(['', ...uiLanguages], { error: 'account.errors.language' }),
	mail: z.array(z.enum(['steps', 'digest'])).default([])
});
export type AccountSettingsForm = z.infer<typeof AccountSettingsForm>;
