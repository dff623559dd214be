import type { BriefingFormat } from './format';
import type { PatientGroupInput } from './patient-group';

/**
 * The patient-group form's values as shown: what was stored, or exactly what was typed when a
 * post was refused. Preferred formats are a rank per format ('' = not used), so they can be
 * ordered with JavaScript off.
 */
export interface GroupFormValues {
	name: string;
	description: string;
	communicationNeeds: string[];
	ranks: Record<BriefingFormat, string>;
	usualLanguages: string[];
	ageBands: string[];
}

export function groupFormValues(group?: PatientGroupInput): GroupFormValues {
	const rank = (format: BriefingFormat) => {
		const at = group?.preferredFormats.indexOf(format) ?? -1;
		return at === -1 ? '' : String(at + 1);
	};
	return {
		name: group?.name ?? '',
		description: group?.description ?? '',
		communicationNeeds: [...(group?.communicationNeeds ?? [])],
		ranks: {
			video: rank('video'),
			leaflet: rank('leaflet'),
			easyRead: rank('easyRead'),
			faceToFace: rank('faceToFace')
		},
		usualLanguages: [...(group?.usualLanguages ?? [])],
		ageBands: [...(group?.ageBands ?? [])]
	};
}
