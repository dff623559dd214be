// Global setup for Vitest and Playwright: the FHIR R4 validators are prepared (or found in the
// cache) once, before any test and outside every test's timeout. See fhir-r4.ts.
import { prepareFhirR4 } from './fhir-r4';

export default function setup() {
	prepareFhirR4();
}
