import type { Direction } from './direction';
import { directionOf } from './direction';
import ar from './messages/ar.json';
import en from './messages/en.json';
import faAF from './messages/fa-AF.json';
import ku from './messages/ku.json';
import nb from './messages/nb.json';
import so from './messages/so.json';
import ti from './messages/ti.json';
import uk from './messages/uk.json';

export type Messages = Record<string, string>;

/**
 * Whether a qualified translator has reviewed a catalogue. Only the project's own languages,
 * Norwegian and English, are reviewed; every other catalogue is a draft until a translator says
 * otherwise, and the pages and the staff's language pickers say so.
 */
export type ReviewStatus = 'reviewed' | 'draft';

/** A language the app can show, with its catalogue and that catalogue's review status. */
export interface Language {
  tag: string;
  /** The language's own name for itself, shown in the language switch. */
  name: string;
  /** The catalogue as written for this language, nothing filled in from another. */
  messages: Messages;
  reviewStatus: ReviewStatus;
  /** A draft is shown with a notice that nobody has reviewed it, and the Norwegian beside it. */
  draft: boolean;
}

function language(tag: string, name: string, messages: Messages, reviewStatus: ReviewStatus): Language {
  return { tag, name, messages, reviewStatus, draft: reviewStatus === 'draft' };
}

/**
 * The eight languages of the municipality's refugee service, in which a person reads their own
 * pages. Kurmanji is `ku` (Latin script, left to right); Dari is `fa-AF`.
 */
export const LANGUAGES: readonly Language[] = [
  language('nb', 'Norsk bokmål', nb, 'reviewed'),
  language('en', 'English', en, 'reviewed'),
  language('ar', 'العربية', ar, 'draft'),
  language('uk', 'Українська', uk, 'draft'),
  language('ti', 'ትግርኛ', ti, 'draft'),
  language('fa-AF', 'دری', faAF, 'draft'),
  language('so', 'Soomaali', so, 'draft'),
  language('ku', 'Kurmancî', ku, 'draft'),
];

/** The staff screens' languages: complete and reviewed. */
export const STAFF_LANGUAGES: readonly Language[] = LANGUAGES.filter((l) => !l.draft);

/** The draft catalogues. Staff reach them only by address (?lang=ar), to check the layout. */
export const DRAFT_LANGUAGES: readonly Language[] = LANGUAGES.filter((l) => l.draft);

export const DEFAULT_LANGUAGE = 'nb';

/** The text that counts, offered beside every translation on the person's pages. */
export const NORWEGIAN = 'nb';

export function findLanguage(tag: string | null | undefined): Language | undefined {
  if (!tag) {
    return undefined;
  }
  return LANGUAGES.find((l) => l.tag === tag);
}

/**
 * The messages the staff screens show in a language: a draft's catalogue holds only what the
 * person's pages and a few shared texts need, so for the rest the staff screens read English.
 */
export function staffMessages(language: Language): Messages {
  return language.draft ? { ...en, ...language.messages } : language.messages;
}

/**
 * The catalogue keys a person's own pages show: their own (`me.*`) and the shared ones they use.
 * Every language has every one of them, written in that language (the catalogue test checks it).
 */
export const PERSON_PAGE_KEY_PREFIXES = [
  'me.',
  'problem.',
  'signIn.',
  'signOut.',
  'notFound.',
  'app.',
  'language.',
  'nav.home',
] as const;

export function isPersonPageKey(key: string): boolean {
  return PERSON_PAGE_KEY_PREFIXES.some((prefix) => key.startsWith(prefix));
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

export function directionOfLanguage(l: Language): Direction {
  return directionOf(l.tag);
}
