import type { BriefingVariant } from '$lib/domain/briefing';

/* Example content, to be reviewed locally before use with patients. */

const video = '/media/demo/your-safety-on-our-ward';

export const yourSafetyEn: BriefingVariant[] = [
	{
		format: 'video',
		language: 'en',
		translationChecked: true,
		title: 'Your safety on our ward',
		sources: [
			{ kind: 'upload', path: `${video}.mp4`, mimeType: 'video/mp4' },
			{ kind: 'upload', path: `${video}.webm`, mimeType: 'video/webm' }
		],
		captions: [
			{ language: 'en', path: `${video}.en.vtt` },
			{ language: 'cy', path: `${video}.cy.vtt` },
			{ language: 'ar', path: `${video}.ar.vtt` }
		],
		transcript: '', // filled from the captions by the seed
		poster: `${video}-poster.jpg`,
		durationSeconds: 38
	},
	{
		format: 'leaflet',
		language: 'en',
		translationChecked: true,
		title: 'Your safety on our ward',
		sections: [
			{
				heading: 'Welcome to the ward',
				blocks: [
					{
						kind: 'paragraph',
						text: 'We want your stay to be safe. You and the people close to you can help. This leaflet tells you what to expect and how to speak up.'
					}
				]
			},
			{
				heading: "Call, don't fall",
				blocks: [
					{
						kind: 'paragraph',
						text: 'Being in hospital can make you unsteady, especially at night or after new medicines.'
					},
					{
						kind: 'list',
						items: [
							'Use your call bell if you need help to get up.',
							'Wear well-fitting slippers or shoes with a grip.',
							'Keep your glasses and walking aid within reach.'
						]
					}
				]
			},
			{
				heading: 'Clean hands save lives',
				blocks: [
					{
						kind: 'paragraph',
						text: 'It\'s OK to ask anyone who cares for you: "Have you cleaned your hands?" Our staff expect to be asked.'
					}
				]
			},
			{
				heading: 'Your wristband and your medicines',
				blocks: [
					{
						kind: 'list',
						items: [
							'Keep your wristband on. Staff check it before giving medicines or treatment.',
							'Tell us about any allergies and all the medicines you take at home.',
							'Ask what each new medicine is for and what side effects to look out for.'
						]
					}
				]
			},
			{
				heading: 'Blood clots and pressure sores',
				blocks: [
					{
						kind: 'list',
						items: [
							'Ask us whether you need medicine or stockings to prevent blood clots.',
							'Keep moving if you can, and drink plenty unless told not to.',
							'Tell us if your skin feels sore, especially on your heels, hips or bottom.'
						]
					}
				]
			},
			{
				heading: 'If you are worried, speak up',
				blocks: [
					{
						kind: 'paragraph',
						text: "If you or your family are worried that you are getting worse, tell the nurse in charge. If you are still worried, you can ask for an urgent review by another team (Martha's Rule)."
					}
				]
			},
			{
				heading: 'Going home safely',
				blocks: [
					{
						kind: 'paragraph',
						text: 'Before you leave, ask us about your medicines, what to look out for, and who to call if you feel unwell.'
					}
				]
			}
		],
		contact: 'Ask any member of staff, or call the ward on the number on your wristband card.'
	},
	{
		format: 'easyRead',
		language: 'en',
		translationChecked: true,
		title: 'Keeping safe on the ward',
		rows: [
			{
				picture: { kind: 'symbol', id: 'hospital' },
				alt: 'A hospital building',
				sentence: 'You are staying on our ward for a while.'
			},
			{
				picture: { kind: 'symbol', id: 'bell' },
				alt: 'A bell',
				sentence: 'Press the call bell if you need help to get up.'
			},
			{
				picture: { kind: 'symbol', id: 'soap' },
				alt: 'A bar of soap',
				sentence: 'You can ask staff to clean their hands.'
			},
			{
				picture: { kind: 'symbol', id: 'pill' },
				alt: 'A tablet',
				sentence: 'Staff will tell you what your medicines are for.'
			},
			{
				picture: { kind: 'symbol', id: 'speech-balloon' },
				alt: 'A speech bubble',
				sentence: 'Tell us if you feel worse or are worried.'
			},
			{
				picture: { kind: 'symbol', id: 'house' },
				alt: 'A house',
				sentence: 'We will help you get ready to go home.'
			}
		]
	},
	{
		format: 'faceToFace',
		language: 'en',
		translationChecked: true,
		title: 'Your safety on our ward: admission talk',
		talkingPoints: [
			'Introduce yourself and the ward. Explain who is in charge today.',
			'Show the call bell and ask the patient to press it. Explain "Call, don\'t fall".',
			'Explain hand hygiene and that it is OK to ask staff if they have cleaned their hands.',
			'Check the wristband is correct and explain why staff check it.',
			'Ask about allergies and medicines brought from home.',
			"Explain how to raise a concern, including Martha's Rule.",
			'Explain blood clot prevention and pressure care if relevant.'
		],
		thingsToShow: ['Call bell', 'Hand gel', 'Wristband', 'Where the toilet is'],
		teachBackQuestions: [
			'What will you do if you need to get up in the night?',
			'Who would you tell if you felt worse?',
			'What can you ask someone before they touch you?'
		],
		minutes: 5,
		leaveBehind: ['leaflet', 'qrCode']
	}
];
