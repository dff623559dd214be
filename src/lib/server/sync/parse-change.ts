import type { z } from 'zod';
import type { DeliveryRecordInput } from '$lib/domain/delivery-record';
import {
	changePayloads,
	type ChangeResult,
	type DeliveryUndo,
	type RefusalReason,
	type SyncChange
} from '$lib/domain/sync';

/** A change whose payload parsed: what the batch decides on. */
export type Issue = { field: string; message: string };
export type Refused = Extract<ChangeResult, { status: 'refused' }>;
export type Parsed = { id: string; madeBy?: string } & (
	| { kind: 'deliveryRecord'; payload: DeliveryRecordInput }
	| { kind: 'deliveryUndo'; payload: DeliveryUndo }
);

export const refused = (id: string, reason: RefusalReason, issues?: Issue[]): Refused =>
	issues ? { id, status: 'refused', reason, issues } : { id, status: 'refused', reason };

function issuesOf(error: z.ZodError): Issue[] {
	return error.issues.flatMap((issue) => {
		const path = issue.path.map(String);
		// A key the schema does not know (a name, an NHS number) is named itself, not its parent.
		if (issue.code === 'unrecognized_keys')
			return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: issue.message }));
		return [{ field: path.join('.') || 'payload', message: issue.message }];
	});
}

/** Parses a change's payload, or refuses it naming each field that is wrong. */
export function parseChange(change: SyncChange): Parsed | Refused {
	switch (change.kind) {
		case 'deliveryRecord': {
			const parsed = changePayloads.deliveryRecord.safeParse(change.payload);
			if (!parsed.success) return refused(change.id, 'invalid', issuesOf(parsed.error));
			return { id: change.id, kind: change.kind, payload: parsed.data, madeBy: change.madeBy };
		}
		case 'deliveryUndo': {
			const parsed = changePayloads.deliveryUndo.safeParse(change.payload);
			if (!parsed.success) return refused(change.id, 'invalid', issuesOf(parsed.error));
			return { id: change.id, kind: change.kind, payload: parsed.data, madeBy: change.madeBy };
		}
		default:
			return refused(change.id, 'unknownKind');
	}
}
