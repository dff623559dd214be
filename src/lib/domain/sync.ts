import { z } from 'zod';
import { DeliveryRecordInput } from './delivery-record';
import { Id, IsoDateTime, UuidV7 } from './ids';

/*
 * The device's outbox travels to the server as a batch of changes. Each change carries its own
 * id (for a delivery record, the record's UUID v7), so the server can apply it exactly once and
 * answer for each one: accepted, duplicate (already had it: also an acknowledgement), held (the
 * server keeps it for the engagement lead to check: also an acknowledgement) or refused with a
 * reason (kept on the device and shown, never dropped).
 */
export const MAX_BATCH = 500;

export const changeKinds = ['deliveryRecord', 'deliveryUndo'] as const;
export type ChangeKind = (typeof changeKinds)[number];

/** Undo within a minute: the record is voided, not deleted, so the audit trail keeps it. */
export const UNDO_WINDOW_SECONDS = 60;

export const DeliveryUndo = z.strictObject({
	deliveryId: UuidV7,
	undoneAt: IsoDateTime
});
export type DeliveryUndo = z.infer<typeof DeliveryUndo>;

/** One change as sent; the payload is parsed per kind, so one bad change blocks no other. */
export const SyncChange = z.strictObject({
	id: z.string().min(1).max(100),
	kind: z.string().min(1).max(40),
	payload: z.unknown(),
	/**
	 * The staff account signed in on the device when the change was made. On a shared tablet
	 * the next person's session may be the one that sends it; the record stays theirs. The
	 * server accepts it only for an active ward account of the same organisation.
	 */
	madeBy: Id.optional()
});
export type SyncChange = z.infer<typeof SyncChange>;

/**
 * The answers a device understands beyond those every device has always understood
 * (accepted, duplicate, refused).
 *
 * The rule (hazard H8): the server answers `held` only to a request that says it understands
 * 'held'. A tablet still running an older app (its cached JavaScript) says nothing, and its
 * `SyncResponse` schema has no `held`: one such answer would fail its parse, and with it every
 * sync from that tablet. So to such a request the server answers a held record `refused` with
 * the same reason, as it always did (the record is held all the same, so the lead sees it; once
 * the tablet has the new app it sends it again and is told `held`). Unknown words are ignored,
 * so a newer device may list answers this server does not know.
 *
 * Where a device says it: in the `X-Sync-Understands` header (UNDERSTANDS_HEADER), never in the
 * body. The body is parsed strictly, so a field a server does not know fails the whole request:
 * were the service rolled back to a release without `understands`, every tablet running the
 * newer app would be answered 400 on every sync until reloaded. A header an older server does
 * not know is ignored, and it answers as it always did. The body's `understands` is still
 * accepted from the apps that sent it (the first release of held records); the server reads
 * either (understandsFrom).
 */
export const Understands = z.array(z.string().max(40)).max(20);

export const SyncRequest = z.strictObject({
	changes: z.array(SyncChange).min(1).max(MAX_BATCH),
	/** As the first release of held records sent it; a device now says it in the header. */
	understands: Understands.optional()
});
export type SyncRequest = z.infer<typeof SyncRequest>;

/**
 * The request header a device names the answers it understands in: `held`, or `held, …`. The
 * server's answer carries it too, naming the answers it gave under (`held` when it held records
 * for the lead): a device keys sending a refused record once more by it (sendHoldableAgain in
 * outbox-repository.ts says why). A server rolled back to a release before held records sends
 * none.
 */
export const UNDERSTANDS_HEADER = 'x-sync-understands';

/** The header's value: words separated by commas, spaces around them ignored. */
export const UnderstandsHeader = z
	.string()
	.max(1000)
	.transform((value) =>
		value
			.split(',')
			.map((word) => word.trim())
			.filter((word) => word !== '')
	)
	.pipe(Understands);

/** Whether a request understands `word`, said in the header or (an older app) the body. */
export function understandsFrom(
	word: string,
	header: readonly string[] | undefined,
	body: readonly string[] | undefined
): boolean {
	return Boolean(header?.includes(word) || body?.includes(word));
}

export const refusalReasons = [
	'invalid', // the payload does not fit the schema; `issues` name the fields
	'unknownKind',
	'idMismatch', // the change id is not the record's id
	'unknownWard',
	'wardRetired', // recorded after the admin retired the ward
	'unknownPatientGroup',
	'unknownBriefing',
	'unknownVersion',
	'versionNotPublished', // e.g. retired while the device was offline
	'variantNotInVersion', // no such format and language in that version
	'recordedInFuture',
	'unknownDelivery',
	'notYourDelivery',
	'undoTooLate'
] as const;
export const RefusalReason = z.enum(refusalReasons);
export type RefusalReason = z.infer<typeof RefusalReason>;

/**
 * Refusals about a true event on the ward with content the server no longer offers: the
 * server holds such a record for the engagement lead to check (count it or set it aside)
 * instead of refusing it, when it is otherwise valid.
 */
export const holdReasons = ['versionNotPublished', 'wardRetired', 'variantNotInVersion'] as const;
export const HoldReason = z.enum(holdReasons);
export type HoldReason = z.infer<typeof HoldReason>;
export const isHoldReason = (reason: string): reason is HoldReason =>
	(holdReasons as readonly string[]).includes(reason);

export const ChangeResult = z.discriminatedUnion('status', [
	z.strictObject({ id: z.string(), status: z.literal('accepted') }),
	z.strictObject({ id: z.string(), status: z.literal('duplicate') }),
	// Only to a request that says it understands it (see SyncRequest).
	z.strictObject({ id: z.string(), status: z.literal('held'), reason: HoldReason }),
	z.strictObject({
		id: z.string(),
		status: z.literal('refused'),
		reason: RefusalReason,
		issues: z.array(z.strictObject({ field: z.string(), message: z.string() })).optional()
	})
]);
export type ChangeResult = z.infer<typeof ChangeResult>;

export const SyncResponse = z.strictObject({
	results: z.array(ChangeResult),
	serverTime: IsoDateTime
});
export type SyncResponse = z.infer<typeof SyncResponse>;

/** The payload schema for each kind of change. */
export const changePayloads = {
	deliveryRecord: DeliveryRecordInput,
	deliveryUndo: DeliveryUndo
} as const satisfies Record<ChangeKind, z.ZodType>;
