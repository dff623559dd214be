import { z } from 'zod';

/** The four formats are first-class: each has its own editor, view and schema. */
export const briefingFormats = ['video', 'leaflet', 'easyRead', 'faceToFace'] as const;
export const BriefingFormat = z.enum(briefingFormats);
export type BriefingFormat = z.infer<typeof BriefingFormat>;
