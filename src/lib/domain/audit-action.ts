/**
 * Every action the audit trail records. recordAudit takes only these, so an action cannot be
 * written without being listed here, and audit-action.test.ts proves each has words in every
 * locale (the admin's audit page names it).
 */
export const auditActions = [
	// Content: briefings, versions, patient groups, aims, admissions, chart notes.
	'created',
	'edited',
	'submitted',
	'returned',
	'approved',
	'approvalWithdrawn',
	'published',
	'retired',
	'archived',
	'unarchived',
	'imported',
	'removedCaptions',
	'removedVariant',
	'translationUnchecked',
	'translationReason',
	'closed',
	'reopened',
	'removed',
	// Records held for checking (a retired version or ward): counted, or set aside (and then
	// perhaps counted after all).
	'heldRecord.counted',
	'heldRecord.setAside',
	'heldRecord.countedAfterSetAside',
	// The shared library.
	'library.shared',
	'library.withdrawn',
	'library.adopted',
	'library.lessonShared',
	'library.lessonRemoved',
	// The regional view.
	'region.created',
	'region.joined',
	'region.left',
	'region.shared',
	'region.unshared',
	'region.exported',
	'region.remoteAdded',
	'region.remoteRemoved',
	'region.received',
	// Administration.
	'staff.added',
	'staff.invited',
	'staff.inviteLinkMade',
	'staff.resetLinkMade',
	'staff.passwordSet',
	'staff.roleChanged',
	'staff.disabled',
	'staff.enabled',
	'staff.unlocked',
	'staff.createdBySso',
	'staff.roleChangedBySso',
	'staff.refusedBySso',
	'staff.lastAdminKept',
	'ward.added',
	'ward.edited',
	'ward.retired',
	'ward.reinstated',
	'organisation.settingsChanged',
	'organisation.retentionChanged',
	'sso.created',
	'sso.updated',
	// The platform.
	'organisation.created',
	'organisation.updated',
	'organisation.suspended',
	'organisation.reinstated'
] as const;

export type AuditAction = (typeof auditActions)[number];

/** The key of an action's words in the admin namespace (i18next keys cannot hold its dots). */
export function auditActionKey(action: string): string {
	return `administration.audit.actions.${action.replaceAll('.', '_')}`;
}
