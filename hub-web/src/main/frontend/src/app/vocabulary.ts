import type { IntlShape } from 'react-intl';

/**
 * The hub's codes that the screens put in words, in one place for every screen: the words are in
 * the catalogues under `vocabulary.<group>.<code>`, as they read inside a sentence. The codes
 * themselves are the hub's (`GET /api/me`'s vocabulary, and the API's fields).
 */
export type CodeGroup =
  | 'category'
  | 'purpose'
  | 'collectionMethod'
  | 'consentStatus'
  | 'deliveryStatus'
  | 'kind'
  | 'difference';

/** The catalogue key of a code's words. */
export function wordsKey(group: CodeGroup, code: string): string {
  return `vocabulary.${group}.${code}`;
}

/**
 * The words for one of the hub's codes, or the code itself where the catalogue has none yet: a new
 * code of the hub's is shown, never hidden.
 */
export function codeWords(intl: IntlShape, group: CodeGroup, code: string | undefined): string {
  if (!code) {
    return '';
  }
  const id = wordsKey(group, code);
  return id in intl.messages ? intl.formatMessage({ id }) : code;
}

/**
 * The words for a code as a label of its own (an option, a checkbox, a tag): they begin with a
 * capital, while inside a sentence they stay as the catalogue has them.
 */
export function labelWords(intl: IntlShape, group: CodeGroup, code: string | undefined): string {
  const words = codeWords(intl, group, code);
  return words.charAt(0).toLocaleUpperCase(intl.locale) + words.slice(1);
}

/** A category to choose, as a label, marked when the hub says it is health information. */
export function categoryChoice(
  intl: IntlShape,
  category: { code?: string; healthData?: boolean },
): string {
  const words = labelWords(intl, 'category', category.code);
  return category.healthData
    ? intl.formatMessage({ id: 'vocabulary.category.withHealth' }, { category: words })
    : words;
}
