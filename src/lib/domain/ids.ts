import { z } from 'zod';

/** Server-made ids are UUIDs; delivery records carry a device-made UUID v7. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

export const UuidV7 = z.uuid({ version: 'v7' });

/** A calendar date as the API carries it: YYYY-MM-DD. */
export const IsoDate = z.iso.date();

/** An instant as the API carries it: ISO 8601 with an offset. */
export const IsoDateTime = z.iso.datetime({ offset: true });
