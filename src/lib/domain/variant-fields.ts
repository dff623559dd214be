import type { BriefingVariant } from './briefing';

/**
 * A variant's words as a flat list of named fields, e.g. `sections.1.heading` — "Section 2,
 * heading". One list serves the readability estimate, the diff between versions and the
 * side-by-side view of a translation, so all three name a field the same way.
 */
export interface TextField {
	/** The field's path in the variant, the same as the editor's input name. */
	path: string;
	/** An `editor:` key naming the field, with its numbers (1-based) in `values`. */
	label: string;
	values: Record<string, number>;
	text: string;
}

const field = (path: string, label: string, text: string, values: Record<string, number> = {}) => ({
	path,
	label,
	values,
	text
});

export function textFields(variant: BriefingVariant): TextField[] {
	const fields: TextField[] = [field('title', 'fields.title', variant.title)];
	switch (variant.format) {
		case 'leaflet':
			variant.sections.forEach((section, s) => {
				fields.push(
					field(`sections.${s}.heading`, 'fields.sectionHeading', section.heading, {
						section: s + 1
					})
				);
				section.blocks.forEach((block, b) => {
					const values = { section: s + 1, block: b + 1 };
					fields.push(
						block.kind === 'paragraph'
							? field(`sections.${s}.blocks.${b}.text`, 'fields.block', block.text, values)
							: field(
									`sections.${s}.blocks.${b}.text`,
									'fields.list',
									block.items.join('\n'),
									values
								)
					);
				});
			});
			fields.push(field('contact', 'fields.contact', variant.contact));
			break;
		case 'easyRead':
			variant.rows.forEach((row, r) => {
				fields.push(field(`rows.${r}.sentence`, 'fields.sentence', row.sentence, { row: r + 1 }));
				fields.push(field(`rows.${r}.alt`, 'fields.alt', row.alt, { row: r + 1 }));
			});
			break;
		case 'faceToFace':
			fields.push(field('talkingPoints', 'fields.talkingPoints', variant.talkingPoints.join('\n')));
			fields.push(field('thingsToShow', 'fields.thingsToShow', variant.thingsToShow.join('\n')));
			fields.push(
				field(
					'teachBackQuestions',
					'fields.teachBackQuestions',
					variant.teachBackQuestions.join('\n')
				)
			);
			break;
		case 'video':
			fields.push(field('transcript', 'fields.transcript', variant.transcript));
			break;
	}
	return fields;
}

/** The prose a patient reads (alt text and lists of things to show excluded). */
export function readableText(variant: BriefingVariant): string {
	return textFields(variant)
		.filter((f) => !/\.alt$|^thingsToShow$/.test(f.path))
		.map((f) => f.text)
		.join('\n');
}
