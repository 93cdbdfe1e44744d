import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { directionOf, type Direction } from './direction';
import {
  DEFAULT_LANGUAGE,
  findLanguage,
  preferredLanguage,
  STAFF_LANGUAGES,
  type Language,
} from './languages';

const STORAGE_KEY = 'bindeledd.language';

interface LanguageChoice {
  language: Language;
  direction: Direction;
  choose: (tag: string) => void;
}

const LanguageContext = createContext<LanguageChoice | undefined>(undefined);

function initialLanguage(): Language {
  const asked = new URLSearchParams(window.location.search).get('lang');
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return (
    findLanguage(asked) ??
    findLanguage(stored) ??
    findLanguage(preferredLanguage(navigator.languages ?? [])) ??
    (findLanguage(DEFAULT_LANGUAGE) as Language)
  );
}

/**
 * The reader's language: its catalogue for react-intl, and lang and dir on <html>, so that the
 * whole page, the browser's own controls included, reads in that language and direction.
 */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const direction = directionOf(language.tag);

  useEffect(() => {
    document.documentElement.lang = language.tag;
    document.documentElement.dir = direction;
  }, [language, direction]);

  const choice = useMemo<LanguageChoice>(
    () => ({
      language,
      direction,
      choose: (tag) => {
        const chosen = STAFF_LANGUAGES.find((l) => l.tag === tag);
        if (chosen) {
          window.localStorage.setItem(STORAGE_KEY, chosen.tag);
          setLanguage(chosen);
        }
      },
    }),
    [language, direction],
  );

  return (
    <LanguageContext.Provider value={choice}>
      <IntlProvider locale={language.tag} messages={language.messages} defaultLocale="nb">
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageChoice {
  const choice = useContext(LanguageContext);
  if (!choice) {
    throw new Error('useLanguage needs a LanguageProvider');
  }
  return choice;
}
