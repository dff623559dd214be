/** The SQLite folder of the suite's shared server (outside test-results/, which Playwright empties). */
export const sharedDataDir = '.e2e-data/run';

/**
 * Settings every journey server shares: journeys count what they record from nothing, so the
 * demo's measurement history is left out (tests/measurement-demo.spec.ts turns it back on);
 * the local OpenID provider of tests/sso.spec.ts speaks plain http on 127.0.0.1, which only
 * SSO_ALLOW_INSECURE_ISSUER=1 lets an install use.
 */
export const journeyServerEnv = { SEED_DEMO_HISTORY: 'false', SSO_ALLOW_INSECURE_ISSUER: '1' };
