/*
 * Who signed in recently on this shared device, so the next shift's nurse taps their name and
 * types only a password. Staff names and emails only: never anything about a patient.
 */
export interface RecentStaff {
	email: string;
	displayName: string;
}

const KEY = 'recentStaff';
const MAX = 6;

export function readRecentStaff(storage: Storage = localStorage): RecentStaff[] {
	try {
		const value: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
		return Array.isArray(value)
			? value.filter(
					(v): v is RecentStaff =>
						typeof v?.email === 'string' && typeof v?.displayName === 'string'
				)
			: [];
	} catch {
		return [];
	}
}

export function rememberStaff(staff: RecentStaff, storage: Storage = localStorage): void {
	const others = readRecentStaff(storage).filter((s) => s.email !== staff.email);
	storage.setItem(KEY, JSON.stringify([staff, ...others].slice(0, MAX)));
}
