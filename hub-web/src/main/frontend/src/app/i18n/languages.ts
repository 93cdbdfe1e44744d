import type { Direction } from './direction';
import { directionOf } from './direction';
import ar from './messages/ar.draft.json';
import en from './messages/en.json';
import nb from './messages/nb.json';

export type Messages = Record<string, string>;

/** A language the app can show, with its catalogue. */
export interface Language {
  tag: string;
  /** The language's own name for itself, shown in the language switch. */
  name: string;
  messages: Messages;
  /**
   * A draft is a catalogue nobody has reviewed yet: the app says so on every page, falls back to
   * English for what it lacks, and never offers it in the staff language switch.
   */
  draft: boolean;
}

/** The staff screens' languages: complete and reviewed. */
export const STAFF_LANGUAGES: readonly Language[] = [
  { tag: 'nb', name: 'Norsk bokmål', messages: nb, draft: false },
  { tag: 'en', name: 'English', messages: en, draft: false },
];

/** Draft catalogues, reachable only by address (?lang=ar), to check the right-to-left layout. */
export const DRAFT_LANGUAGES: readonly Language[] = [
  { tag: 'ar', name: 'العربية', messages: { ...en, ...ar }, draft: true },
];

export const DEFAULT_LANGUAGE = 'nb';

export function findLanguage(tag: string | null | undefined): Language | undefined {
  if (!tag) {
    return undefined;
  }
  return [...STAFF_LANGUAGES, ...DRAFT_LANGUAGES].find((language) => language.tag === tag);
}

/** The staff language closest to what the browser asks for; Norwegian otherwise. */
export function preferredLanguage(requested: readonly string[]): string {
  for (const tag of requested) {
    const base = new Intl.Locale(tag).language;
    if (base === 'nb' || base === 'no' || base === 'nn') {
      return 'nb';
    }
    if (base === 'en') {
      return 'en';
    }
  }
  return DEFAULT_LANGUAGE;
}

export function directionOfLanguage(language: Language): Direction {
  return directionOf(language.tag);
}
