import { getContext, setContext } from 'svelte';
import type { TOptions } from 'i18next';
import type { Translator } from './index';

const key = Symbol('i18n');

/** Called once by the root layout with a getter, so a change of language re-renders. */
export function setTranslator(current: () => Translator): void {
	setContext(key, current);
}

function current(): () => Translator {
	const getter = getContext<(() => Translator) | undefined>(key);
	if (!getter) throw new Error('No translator: setTranslator() must run in the root layout');
	return getter;
}

/** The translate function for components: `const t = useT();` then `t('auth:signIn.title')`. */
export function useT(): (key: string, options?: TOptions) => string {
	const getter = current();
	return (k, options) => getter().t(k, options);
}

export function useTranslator(): () => Translator {
	return current();
}
