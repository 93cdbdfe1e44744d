import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { directionOf, type Direction } from './direction';
import {
  DEFAULT_LANGUAGE,
  findLanguage,
  preferredLanguage,
  staffMessages,
  type Language,
} from './languages';
import { ensureLocaleData } from './localeData';

const STORAGE_KEY = 'bindeledd.language';

interface LanguageChoice {
  language: Language;
  direction: Direction;
  /** Whether the reader chose the language (by address or switch) rather than the browser's. */
  chosen: boolean;
  choose: (tag: string) => void;
}

const LanguageContext = createContext<LanguageChoice | undefined>(undefined);

function initialLanguage(): { language: Language; chosen: boolean } {
  const asked = findLanguage(new URLSearchParams(window.location.search).get('lang'));
  const stored = findLanguage(window.localStorage.getItem(STORAGE_KEY));
  const chosen = asked ?? stored;
  return {
    language:
      chosen ??
      findLanguage(preferredLanguage(navigator.languages ?? [])) ??
      (findLanguage(DEFAULT_LANGUAGE) as Language),
    chosen: chosen !== undefined,
  };
}

/**
 * The reader's language: its catalogue for react-intl, lang and dir on <html>, so that the
 * whole page, the browser's own controls included, reads in that language and direction, and the
 * date and number data the browser may lack for it (loaded before the page shows).
 */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState(initialLanguage);
  const [readyFor, setReadyFor] = useState<string>();
  const { language, chosen } = state;
  const direction = directionOf(language.tag);

  // A language asked for by address is the reader's choice too, kept across reloads and sign-in.
  useEffect(() => {
    if (chosen) {
      window.localStorage.setItem(STORAGE_KEY, language.tag);
    }
  }, [chosen, language]);

  useEffect(() => {
    document.documentElement.lang = language.tag;
    document.documentElement.dir = direction;
  }, [language, direction]);

  useEffect(() => {
    let current = true;
    // Without the data, the page still shows, with the engine's own (English) dates.
    ensureLocaleData(language.tag)
      .catch(() => [])
      .then(() => current && setReadyFor(language.tag));
    return () => {
      current = false;
    };
  }, [language]);

  const choice = useMemo<LanguageChoice>(
    () => ({
      language,
      direction,
      chosen,
      choose: (tag) => {
        const next = findLanguage(tag);
        if (next) {
          window.localStorage.setItem(STORAGE_KEY, next.tag);
          setState({ language: next, chosen: true });
        }
      },
    }),
    [language, direction, chosen],
  );

  if (readyFor !== language.tag) {
    return null;
  }
  return (
    <LanguageContext.Provider value={choice}>
      <IntlProvider locale={language.tag} messages={staffMessages(language)} defaultLocale="nb">
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
