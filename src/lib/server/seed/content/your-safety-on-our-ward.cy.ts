import type { BriefingVariant } from '$lib/domain/briefing';

/*
 * Example content, to be reviewed locally before use with patients.
 * Draft translation: not yet checked by a qualified translator.
 */

const video = '/media/demo/your-safety-on-our-ward';

export const yourSafetyCy: BriefingVariant[] = [
	{
		format: 'video',
		language: 'cy',
		translationChecked: false,
		title: 'Eich diogelwch ar ein ward',
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
		language: 'cy',
		translationChecked: false,
		title: 'Eich diogelwch ar ein ward',
		sections: [
			{
				heading: "Croeso i'r ward",
				blocks: [
					{
						kind: 'paragraph',
						text: "Rydym am i'ch arhosiad fod yn ddiogel. Gallwch chi a'r bobl sy'n agos atoch chi helpu. Mae'r daflen hon yn dweud wrthych beth i'w ddisgwyl a sut i godi llais."
					}
				]
			},
			{
				heading: 'Galwch, peidiwch â chwympo',
				blocks: [
					{
						kind: 'paragraph',
						text: "Gall bod yn yr ysbyty wneud i chi deimlo'n simsan, yn enwedig yn y nos neu ar ôl dechrau meddyginiaethau newydd."
					},
					{
						kind: 'list',
						items: [
							'Defnyddiwch eich cloch alw os oes angen help arnoch i godi.',
							"Gwisgwch sliperi neu esgidiau sy'n ffitio'n dda ac nad ydynt yn llithro.",
							"Cadwch eich sbectol a'ch cymorth cerdded o fewn cyrraedd."
						]
					}
				]
			},
			{
				heading: 'Mae dwylo glân yn achub bywydau',
				blocks: [
					{
						kind: 'paragraph',
						text: `Mae'n iawn gofyn i unrhyw un sy'n gofalu amdanoch chi: "Ydych chi wedi glanhau eich dwylo?" Mae ein staff yn disgwyl i chi ofyn.`
					}
				]
			},
			{
				heading: "Eich band arddwrn a'ch meddyginiaethau",
				blocks: [
					{
						kind: 'list',
						items: [
							"Cadwch eich band arddwrn ymlaen. Mae'r staff yn ei wirio cyn rhoi meddyginiaeth neu driniaeth i chi.",
							'Dywedwch wrthym am unrhyw alergeddau ac am yr holl feddyginiaethau rydych yn eu cymryd gartref.',
							'Gofynnwch beth yw pwrpas pob meddyginiaeth newydd a pha sgil-effeithiau i gadw llygad amdanynt.'
						]
					}
				]
			},
			{
				heading: 'Clotiau gwaed a briwiau pwyso',
				blocks: [
					{
						kind: 'list',
						items: [
							'Gofynnwch i ni a oes angen meddyginiaeth neu hosanau arnoch i atal clotiau gwaed.',
							'Daliwch ati i symud os gallwch, ac yfwch ddigon oni bai eich bod wedi cael cyngor i beidio.',
							"Dywedwch wrthym os yw eich croen yn teimlo'n boenus, yn enwedig ar eich sodlau, eich cluniau neu eich pen-ôl."
						]
					}
				]
			},
			{
				heading: "Os ydych chi'n poeni, codwch eich llais",
				blocks: [
					{
						kind: 'paragraph',
						text: "Os ydych chi neu eich teulu yn poeni eich bod yn gwaethygu, dywedwch wrth y nyrs sy'n gyfrifol. Os ydych chi'n dal i boeni, gallwch ofyn am adolygiad brys gan dîm arall (Rheol Martha)."
					}
				]
			},
			{
				heading: 'Mynd adref yn ddiogel',
				blocks: [
					{
						kind: 'paragraph',
						text: "Cyn i chi adael, gofynnwch i ni am eich meddyginiaethau, beth i gadw llygad amdano, a phwy i'w ffonio os ydych chi'n teimlo'n sâl."
					}
				]
			}
		],
		contact:
			'Gofynnwch i unrhyw aelod o staff, neu ffoniwch y ward ar y rhif sydd ar gerdyn eich band arddwrn.'
	},
	{
		format: 'easyRead',
		language: 'cy',
		translationChecked: false,
		title: "Cadw'n ddiogel ar y ward",
		rows: [
			{
				picture: { kind: 'symbol', id: 'hospital' },
				alt: 'Adeilad ysbyty',
				sentence: "Rydych chi'n aros ar ein ward am ychydig."
			},
			{
				picture: { kind: 'symbol', id: 'bell' },
				alt: 'Cloch',
				sentence: 'Pwyswch y gloch alw os oes angen help arnoch i godi.'
			},
			{
				picture: { kind: 'symbol', id: 'soap' },
				alt: 'Darn o sebon',
				sentence: "Gallwch ofyn i'r staff lanhau eu dwylo."
			},
			{
				picture: { kind: 'symbol', id: 'pill' },
				alt: 'Tabled',
				sentence: 'Bydd y staff yn dweud wrthych beth yw pwrpas eich meddyginiaethau.'
			},
			{
				picture: { kind: 'symbol', id: 'speech-balloon' },
				alt: 'Swigen siarad',
				sentence: "Dywedwch wrthym os ydych chi'n teimlo'n waeth neu'n poeni."
			},
			{
				picture: { kind: 'symbol', id: 'house' },
				alt: 'Tŷ',
				sentence: 'Byddwn yn eich helpu i baratoi i fynd adref.'
			}
		]
	},
	{
		format: 'faceToFace',
		language: 'cy',
		translationChecked: false,
		title: 'Eich diogelwch ar ein ward: sgwrs wrth dderbyn claf',
		talkingPoints: [
			"Cyflwynwch eich hun a'r ward. Eglurwch pwy sy'n gyfrifol heddiw.",
			`Dangoswch y gloch alw a gofynnwch i'r claf ei phwyso. Eglurwch "Galwch, peidiwch â chwympo".`,
			"Eglurwch hylendid dwylo a'i bod yn iawn gofyn i'r staff a ydynt wedi glanhau eu dwylo.",
			"Gwiriwch fod y band arddwrn yn gywir ac eglurwch pam mae'r staff yn ei wirio.",
			"Gofynnwch am alergeddau ac am feddyginiaethau sydd wedi dod o'r cartref.",
			'Eglurwch sut i godi pryder, gan gynnwys Rheol Martha.',
			"Eglurwch sut i atal clotiau gwaed a briwiau pwyso, os yw'n berthnasol."
		],
		thingsToShow: ['Cloch alw', 'Gel dwylo', 'Band arddwrn', "Ble mae'r toiled"],
		teachBackQuestions: [
			"Beth fyddwch chi'n ei wneud os bydd angen i chi godi yn y nos?",
			"Wrth bwy fyddech chi'n dweud petaech chi'n teimlo'n waeth?",
			'Beth allwch chi ei ofyn i rywun cyn iddyn nhw gyffwrdd â chi?'
		],
		minutes: 5,
		leaveBehind: ['leaflet', 'qrCode']
	}
];
