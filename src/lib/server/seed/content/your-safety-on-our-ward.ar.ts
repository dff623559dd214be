import type { BriefingVariant } from '$lib/domain/briefing';

/*
 * Example content, to be reviewed locally before use with patients.
 * Draft translation: not yet checked by a qualified translator.
 */

const video = '/media/demo/your-safety-on-our-ward';

export const yourSafetyAr: BriefingVariant[] = [
	{
		format: 'video',
		language: 'ar',
		translationChecked: false,
		title: 'سلامتك في قسمنا',
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
		language: 'ar',
		translationChecked: false,
		title: 'سلامتك في قسمنا',
		sections: [
			{
				heading: 'مرحبًا بك في القسم',
				blocks: [
					{
						kind: 'paragraph',
						text: 'نريد أن تكون إقامتك عندنا آمنة. يمكنك أنت والمقرّبون منك المساعدة في ذلك. تخبرك هذه النشرة بما يمكنك أن تتوقعه وكيف تتحدث إلينا إذا كان لديك ما يقلقك.'
					}
				]
			},
			{
				heading: 'اطلب المساعدة حتى لا تسقط',
				blocks: [
					{
						kind: 'paragraph',
						text: 'قد تشعر بعدم الثبات على قدميك وأنت في المستشفى، خاصةً في الليل أو بعد البدء بأدوية جديدة.'
					},
					{
						kind: 'list',
						items: [
							'استخدم جرس الاستدعاء إذا احتجت إلى مساعدة للنهوض.',
							'ارتدِ خُفًّا أو حذاءً بمقاس مناسب ونعلٍ لا ينزلق.',
							'أبقِ نظارتك وأداة المساعدة على المشي في متناول يدك.'
						]
					}
				]
			},
			{
				heading: 'اليدان النظيفتان تنقذان الأرواح',
				blocks: [
					{
						kind: 'paragraph',
						text: 'لا بأس أن تسأل أي شخص يعتني بك: «هل نظّفت يديك؟» يتوقع موظفونا أن يُسألوا هذا السؤال.'
					}
				]
			},
			{
				heading: 'سوار التعريف وأدويتك',
				blocks: [
					{
						kind: 'list',
						items: [
							'أبقِ سوار التعريف على معصمك. يتحقق منه الموظفون قبل إعطائك أي دواء أو علاج.',
							'أخبرنا عن أي حساسية لديك وعن جميع الأدوية التي تتناولها في المنزل.',
							'اسأل عن الغرض من كل دواء جديد، وعن الآثار الجانبية التي يجب الانتباه إليها.'
						]
					}
				]
			},
			{
				heading: 'الجلطات الدموية وقرح الفراش',
				blocks: [
					{
						kind: 'list',
						items: [
							'اسألنا إن كنت بحاجة إلى دواء أو جوارب ضاغطة للوقاية من الجلطات الدموية.',
							'استمر في الحركة إن استطعت، واشرب كمية كافية من السوائل ما لم يُطلب منك غير ذلك.',
							'أخبرنا إذا شعرت بألم في جلدك، خاصةً في الكعبين أو الوركين أو الأرداف.'
						]
					}
				]
			},
			{
				heading: 'إذا كنت قلقًا، فتحدّث إلينا',
				blocks: [
					{
						kind: 'paragraph',
						text: "إذا كنت أنت أو عائلتك قلقين من أن حالتك تزداد سوءًا، فأخبروا الممرض المسؤول عن القسم. وإذا بقيتم قلقين، يمكنكم طلب مراجعة عاجلة من فريق آخر، وهذا ما يُعرف بـ«قاعدة مارثا» (Martha's Rule)."
					}
				]
			},
			{
				heading: 'العودة إلى المنزل بأمان',
				blocks: [
					{
						kind: 'paragraph',
						text: 'قبل أن تغادر، اسألنا عن أدويتك، وعن العلامات التي يجب الانتباه إليها، وبمن تتصل إذا شعرت بتوعّك.'
					}
				]
			}
		],
		contact: 'اسأل أي موظف، أو اتصل بالقسم على الرقم المكتوب على بطاقة سوار التعريف الخاصة بك.'
	},
	{
		format: 'easyRead',
		language: 'ar',
		translationChecked: false,
		title: 'البقاء آمنًا في القسم',
		rows: [
			{
				picture: { kind: 'symbol', id: 'hospital' },
				alt: 'مبنى مستشفى',
				sentence: 'ستبقى في قسمنا لبعض الوقت.'
			},
			{
				picture: { kind: 'symbol', id: 'bell' },
				alt: 'جرس',
				sentence: 'اضغط جرس الاستدعاء إذا احتجت إلى مساعدة للنهوض.'
			},
			{
				picture: { kind: 'symbol', id: 'soap' },
				alt: 'قطعة صابون',
				sentence: 'يمكنك أن تطلب من الموظفين تنظيف أيديهم.'
			},
			{
				picture: { kind: 'symbol', id: 'pill' },
				alt: 'قرص دواء',
				sentence: 'سيخبرك الموظفون بالغرض من أدويتك.'
			},
			{
				picture: { kind: 'symbol', id: 'speech-balloon' },
				alt: 'فقاعة كلام',
				sentence: 'أخبرنا إذا ساءت حالتك أو شعرت بالقلق.'
			},
			{
				picture: { kind: 'symbol', id: 'house' },
				alt: 'منزل',
				sentence: 'سنساعدك على الاستعداد للعودة إلى المنزل.'
			}
		]
	},
	{
		format: 'faceToFace',
		language: 'ar',
		translationChecked: false,
		title: 'سلامتك في قسمنا: حديث الاستقبال عند الدخول',
		talkingPoints: [
			'عرّف بنفسك وبالقسم. اشرح من هو المسؤول اليوم.',
			'أرِ المريض جرس الاستدعاء واطلب منه الضغط عليه. اشرح عبارة «اطلب المساعدة حتى لا تسقط».',
			'اشرح أهمية نظافة اليدين، وأنه لا بأس أن يسأل الموظفين إن كانوا قد نظّفوا أيديهم.',
			'تحقّق من صحة سوار التعريف، واشرح لماذا يتحقق منه الموظفون.',
			'اسأل عن أي حساسية وعن الأدوية التي أحضرها المريض من المنزل.',
			"اشرح كيف يمكن التعبير عن القلق، بما في ذلك قاعدة مارثا (Martha's Rule).",
			'اشرح الوقاية من الجلطات الدموية والعناية بالجلد لمنع قرح الفراش، إذا كان ذلك مناسبًا.'
		],
		thingsToShow: ['جرس الاستدعاء', 'معقّم اليدين', 'سوار التعريف', 'مكان المرحاض'],
		teachBackQuestions: [
			'ماذا ستفعل إذا احتجت إلى النهوض في الليل؟',
			'مَن ستخبر إذا شعرت بأن حالتك ساءت؟',
			'ماذا يمكنك أن تسأل أي شخص قبل أن يلمسك؟'
		],
		minutes: 5,
		leaveBehind: ['leaflet', 'qrCode']
	}
];
