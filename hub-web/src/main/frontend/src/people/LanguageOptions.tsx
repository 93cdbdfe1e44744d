import { useIntl } from 'react-intl';
import { PERSON_LANGUAGES } from './person';

/** The options of a language picker: each language named in the reader's language and its own. */
export function LanguageOptions() {
  const intl = useIntl();
  return (
    <>
      {PERSON_LANGUAGES.map((tag) => (
        <option key={tag} value={tag}>
          {intl.formatMessage({ id: `people.language.${tag}` })}
        </option>
      ))}
    </>
  );
}
