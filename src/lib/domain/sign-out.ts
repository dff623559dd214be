import { z } from 'zod';

/** A sign-out key: the hex SHA-256 of a session token (see server/auth/sessions.ts). */
export const SignOutKey = z.string().regex(/^[0-9a-f]{64}$/, 'a sign-out key');

/** A sign-out made offline on a shared tablet, sent when the network is back. */
export const SignOutRequest = z.strictObject({ key: SignOutKey });
export type SignOutRequest = z.infer<typeof SignOutRequest>;

export const SignOutResponse = z.strictObject({ ended: z.boolean() });
export type SignOutResponse = z.infer<typeof SignOutResponse>;
