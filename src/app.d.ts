import type { StaffAccount } from '$lib/domain/staff';
import type { PatientLanguage } from '$lib/domain/language';
import type { ServerApp } from '$lib/server/app';

declare global {
	namespace App {
		interface Error {
			/** A key in the errors namespace, or a plain message for field-level API errors. */
			message: string;
			issues?: Array<{ field: string; message: string }>;
		}
		interface Locals {
			app: ServerApp;
			user: StaffAccount | null;
			sessionToken: string | null;
			/** A patient page's may be any written content language; a staff page's only en, cy or ar. */
			lang: PatientLanguage;
		}
	}
}

export {};
