import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// The app is always served at the root (no paths.base), so plain hrefs are right and
			// links that carry a query (a patient's language) stay readable.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			// No type information (projectService): no rule we run needs it. With it, ESLint built a
			// TypeScript program of the whole app for the .svelte files alone: 71 s against 21 s on
			// an idle machine (106 against 34 s of CPU), beside Prettier and svelte-check on CI's
			// two cores. All it added was svelte/no-unused-props for a Props member never taken out
			// of $props(); one taken out and unused is still caught (no-unused-vars), and
			// svelte-check checks the types.
			parserOptions: {
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Domain code is shared by server and device: it must not reach for either side.
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						'svelte',
						'svelte/*',
						'dexie',
						'kysely',
						'$app/*',
						'$lib/server/*',
						'$lib/client/*'
					]
				}
			]
		}
	},
	{
		// .e2e-data: journeys' data and the copy of the build one journey serves (left if stopped).
		ignores: [
			'build/',
			'.svelte-kit/',
			'data/',
			'.e2e-data/',
			'test-results/',
			'playwright-report/',
			'static/'
		]
	}
);
