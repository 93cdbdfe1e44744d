import type { IntlShape } from 'react-intl';

/**
 * The hub's codes that the screens put in words, in one place for every screen: the words are in
 * the catalogues under `vocabulary.<group>.<code>`. The codes themselves are the hub's
 * (`GET /api/me`'s vocabulary, and the API's fields).
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

/** A category to choose, marked when the hub says it is health information. */
export function categoryChoice(
  intl: IntlShape,
  category: { code?: string; healthData?: boolean },
): string {
  const words = codeWords(intl, 'category', category.code);
  return category.healthData
    ? intl.formatMessage({ id: 'vocabulary.category.withHealth' }, { category: words })
    : words;
}
