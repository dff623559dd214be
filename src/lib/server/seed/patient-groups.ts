import type { PatientGroupInput } from '$lib/domain/patient-group';

/** Realistic seed groups (PRODUCT.md), each with its usual best formats first. */
export const seedPatientGroups: PatientGroupInput[] = [
	{
		name: 'General adult inpatients',
		description:
			'Most adults admitted to the ward. Short video plus card, talked through on admission.',
		communicationNeeds: [],
		preferredFormats: ['video', 'leaflet', 'faceToFace'],
		usualLanguages: ['en', 'cy'],
		ageBands: ['adult']
	},
	{
		name: 'Older or frail people at risk of falls',
		description:
			'"Call, don\'t fall". Talk it through face to face and leave a large-print leaflet.',
		communicationNeeds: ['largePrint'],
		preferredFormats: ['faceToFace', 'leaflet'],
		usualLanguages: ['en', 'cy'],
		ageBands: ['older']
	},
	{
		name: 'People living with dementia or delirium, and their carers',
		description:
			'Face to face with the carer present. Keep it short and come back later if needed.',
		communicationNeeds: ['carerOrAdvocate'],
		preferredFormats: ['faceToFace', 'easyRead'],
		usualLanguages: ['en'],
		ageBands: ['older', 'adult']
	},
	{
		name: 'People with a learning disability',
		description: 'Easy read plus a conversation. Ask about their hospital passport.',
		communicationNeeds: ['easyRead', 'carerOrAdvocate'],
		preferredFormats: ['easyRead', 'faceToFace'],
		usualLanguages: ['en'],
		ageBands: ['child', 'adult', 'older']
	},
	{
		name: 'Children and young people, and their parents',
		description: 'A short animation or video plus a card for parents.',
		communicationNeeds: ['carerOrAdvocate'],
		preferredFormats: ['video', 'easyRead', 'leaflet'],
		usualLanguages: ['en', 'cy'],
		ageBands: ['child']
	},
	{
		name: 'Patients and families with limited English',
		description: 'Book an interpreter. Offer the translated leaflet or captioned video.',
		communicationNeeds: ['interpreter'],
		preferredFormats: ['faceToFace', 'leaflet', 'video'],
		usualLanguages: ['ar', 'pl', 'ro', 'pa', 'ur', 'bn', 'so'],
		ageBands: ['child', 'adult', 'older']
	},
	{
		name: 'd/Deaf patients who use BSL',
		description: 'BSL video with captions. Book a BSL interpreter for conversations.',
		communicationNeeds: ['bsl', 'interpreter'],
		preferredFormats: ['video', 'easyRead'],
		usualLanguages: ['bfi', 'en'],
		ageBands: ['child', 'adult', 'older']
	},
	{
		name: 'Blind or partially sighted patients',
		description: 'Audio (read-aloud) or large print, and talk it through face to face.',
		communicationNeeds: ['audio', 'largePrint', 'braille'],
		preferredFormats: ['faceToFace', 'leaflet'],
		usualLanguages: ['en'],
		ageBands: ['child', 'adult', 'older']
	},
	{
		name: 'Planned surgery and orthopaedics',
		description: 'Blood clot prevention. Leaflet at pre-assessment plus a digital copy.',
		communicationNeeds: [],
		preferredFormats: ['leaflet', 'video'],
		usualLanguages: ['en', 'cy'],
		ageBands: ['adult', 'older']
	},
	{
		name: 'Going home',
		description: 'Sepsis signs and new medicines. Leaflet plus teach-back.',
		communicationNeeds: [],
		preferredFormats: ['leaflet', 'faceToFace'],
		usualLanguages: ['en', 'cy'],
		ageBands: ['adult', 'older']
	}
];
