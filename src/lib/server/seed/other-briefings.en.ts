import type { BriefingVariant } from '$lib/domain/briefing';

/* Example content, to be reviewed locally before use with patients. */

export const callDontFallEn: BriefingVariant[] = [
	{
		format: 'leaflet',
		language: 'en',
		translationChecked: true,
		title: "Call, don't fall",
		sections: [
			{
				heading: 'Why falls happen in hospital',
				blocks: [
					{
						kind: 'paragraph',
						text: 'Illness, new medicines, an unfamiliar room and getting up quickly can all make you more likely to fall.'
					}
				]
			},
			{
				heading: 'What you can do',
				blocks: [
					{
						kind: 'list',
						items: [
							'Use your call bell before you get up if you have been told to.',
							'Sit on the edge of the bed for a moment before you stand.',
							'Wear slippers or shoes that fit and have a good grip.',
							'Keep your glasses, hearing aids and walking aid close by.'
						]
					}
				]
			}
		],
		contact: 'Ask any member of staff.'
	},
	{
		format: 'faceToFace',
		language: 'en',
		translationChecked: true,
		title: "Call, don't fall: bedside talk",
		talkingPoints: [
			'Explain why people fall more often in hospital.',
			'Show the call bell and check the patient can reach and use it.',
			'Check footwear, glasses and walking aid.',
			'Agree when the patient should call before getting up.'
		],
		thingsToShow: ['Call bell', 'Non-slip socks', 'Walking aid'],
		teachBackQuestions: ['What will you do before you get out of bed?'],
		minutes: 3,
		leaveBehind: ['leaflet']
	}
];

export const bloodClotsEn: BriefingVariant[] = [
	{
		format: 'leaflet',
		language: 'en',
		translationChecked: true,
		title: 'Preventing blood clots',
		sections: [
			{
				heading: 'Why it matters',
				blocks: [
					{
						kind: 'paragraph',
						text: 'Being in hospital, having an operation or being less active raises the risk of a blood clot in a leg or lung.'
					}
				]
			},
			{
				heading: 'How we lower the risk',
				blocks: [
					{
						kind: 'list',
						items: [
							'We check your risk when you are admitted.',
							'You may be offered injections, tablets or stockings.',
							'Keep moving and drink plenty unless told not to.'
						]
					}
				]
			},
			{
				heading: 'Get help straight away if',
				blocks: [
					{
						kind: 'list',
						items: [
							'One leg is painful, swollen, warm or red.',
							'You feel suddenly short of breath or have chest pain.'
						]
					}
				]
			}
		],
		contact: 'If this happens after you go home, call 999 or NHS 111.'
	}
];

export const sepsisEn: BriefingVariant[] = [
	{
		format: 'leaflet',
		language: 'en',
		translationChecked: true,
		title: 'Sepsis: when to get help',
		sections: [
			{
				heading: 'Call 999 or go to A&E if you or someone you care for has',
				blocks: [
					{
						kind: 'list',
						items: [
							'Slurred speech, confusion or is very drowsy.',
							'Blue, grey, pale or blotchy skin, lips or tongue.',
							'A rash that does not fade when you roll a glass over it.',
							'Difficulty breathing or is breathing very fast.'
						]
					}
				]
			}
		],
		contact: 'If you are worried but it is not an emergency, call NHS 111.'
	}
];
