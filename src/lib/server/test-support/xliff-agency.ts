import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/*
 * What a translation agency's tool does with an exported file, for tests: reads it with an XML
 * library, writes a <target> into each unit it has a translation for (and may change the source,
 * as a careless tool would), and writes the file back. Never string surgery on the XML.
 */
const options = {
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	trimValues: false,
	parseTagValue: false,
	preserveOrder: true
} as const;

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

export function fillTargets(
	xml: string,
	targets: Record<string, string>,
	sources: Record<string, string> = {}
): string {
	const tree = new XMLParser(options).parse(xml) as OrderedNode[];
	const visit = (nodes: OrderedNode[], unitId: string | null) => {
		for (const node of nodes) {
			const name = Object.keys(node).find((k) => k !== ':@') ?? '';
			const children = node[name] as OrderedNode[];
			if (!Array.isArray(children)) continue;
			const id = name === 'unit' ? (node[':@']?.['@_id'] ?? null) : unitId;
			if (name === 'segment' && id !== null) {
				const text = (s: string) => [{ '#text': s }];
				if (id in sources) {
					const source = children.find((c) => 'source' in c);
					if (source) source.source = text(sources[id] ?? '');
				}
				if (id in targets) {
					const kept = children.filter((c) => !('target' in c));
					kept.push({ target: text(targets[id] ?? '') });
					node[name] = kept;
					node[':@'] = { ...node[':@'], '@_state': 'translated' };
				}
			} else visit(children, id);
		}
	};
	visit(tree, null);
	return new XMLBuilder({ ...options, format: true }).build(tree) as string;
}
