import { useIntl } from 'react-intl';
import { findLanguage } from '../app/i18n/languages';
import { PERSON_LANGUAGES } from './person';

/**
 * The options of a language picker: each language named in the reader's language and its own,
 * and, for a language whose texts no qualified translator has reviewed yet, that they are a draft.
 */
export function LanguageOptions() {
  const intl = useIntl();
  return (
    <>
      {PERSON_LANGUAGES.map((tag) => {
        const name = intl.formatMessage({ id: `people.language.${tag}` });
        const draft = findLanguage(tag)?.reviewStatus !== 'reviewed';
        return (
          <option key={tag} value={tag} data-review-status={draft ? 'draft' : 'reviewed'}>
            {draft ? intl.formatMessage({ id: 'language.reviewStatus.option' }, { language: name }) : name}
          </option>
        );
      })}
    </>
  );
}
