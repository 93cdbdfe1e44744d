import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { KNOWN_PROBLEMS } from '../ProblemNotice';
import {
  DRAFT_LANGUAGES,
  isPersonPageKey,
  LANGUAGES,
  STAFF_LANGUAGES,
  staffMessages,
} from './languages';
import en from './messages/en.json';
import nb from './messages/nb.json';

const sources = import.meta.glob<string>('../../**/*.tsx', {
  query: '?raw',
  import: 'default',
  eager: true,
});

// The pages a signed-in person sees, and the shared pieces they show.
const PERSON_SOURCES = Object.entries(sources).filter(
  ([path]) =>
    path.startsWith('../../me/') ||
    ['../SignInPage.tsx', '../NotFoundPage.tsx', '../ProblemNotice.tsx'].includes(path),
);

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type !== TYPE.literal && element.type !== TYPE.pound && 'value' in element) {
      into.add(String(element.value));
    }
    if ('options' in element) {
      for (const option of Object.values(element.options)) {
        argumentsOf(option.value, into);
      }
    }
    if ('children' in element) {
      argumentsOf(element.children, into);
    }
  }
  return into;
}

function keysNamedIn(source: string): string[] {
  return [
    ...source.matchAll(
      /(?:FormattedMessage\s+id=|formatMessage\(\s*\{\s*id:\s*|heading=|label:\s*)["']([a-zA-Z][\w.-]*)["']/g,
    ),
  ].map((match) => match[1] as string);
}

const norwegian: Record<string, string> = nb;
const english: Record<string, string> = en;
const personKeys = Object.keys(nb).filter(isPersonPageKey);

describe('the message catalogues', () => {
  it('have every key in every staff language', () => {
    const keys = Object.keys(nb).sort();
    for (const language of STAFF_LANGUAGES) {
      expect(Object.keys(language.messages).sort(), language.tag).toEqual(keys);
    }
    expect(Object.keys(en).sort()).toEqual(keys);
  });

  it('hold only ICU messages whose arguments are the same in every language', () => {
    for (const language of LANGUAGES) {
      for (const [key, text] of Object.entries(language.messages)) {
        expect(norwegian[key], `${language.tag}: ${key} is no key of the Norwegian`).toBeDefined();
        const theirs = argumentsOf(parse(text));
        const ours = argumentsOf(parse(norwegian[key] as string));
        expect([...theirs].sort(), `${language.tag}: ${key}`).toEqual([...ours].sort());
      }
    }
  });

  it('have every key the screens name', () => {
    const named = new Set(Object.values(sources).flatMap(keysNamedIn));
    expect(named.size).toBeGreaterThan(10);
    const missing = [...named].filter((key) => !(key in nb));
    expect(missing).toEqual([]);
  });

  it("have, in each of the eight languages, every text of the person's pages, written in that language", () => {
    expect(LANGUAGES.map((l) => l.tag)).toEqual(['nb', 'en', 'ar', 'uk', 'ti', 'fa-AF', 'so', 'ku']);
    expect(personKeys.length).toBeGreaterThan(100);
    for (const language of LANGUAGES) {
      const missing = personKeys.filter((key) => !language.messages[key]?.trim());
      expect(missing, `${language.tag} lacks these texts of the person's pages`).toEqual([]);
      if (language.draft) {
        // A text the same as the English one (where the Norwegian differs) is English filled in.
        const english_ = personKeys.filter(
          (key) => language.messages[key] === english[key] && english[key] !== norwegian[key],
        );
        expect(english_, `${language.tag} has these texts in English`).toEqual([]);
      }
    }
  });

  it("name, on the person's pages, only texts that every language has", () => {
    const named = PERSON_SOURCES.flatMap(([, source]) => keysNamedIn(source));
    expect(named.length).toBeGreaterThan(40);
    expect(named.filter((key) => !isPersonPageKey(key))).toEqual([]);
    for (const code of KNOWN_PROBLEMS) {
      expect(isPersonPageKey(`problem.${code}.what`)).toBe(true);
      expect(personKeys).toContain(`problem.${code}.next`);
    }
  });

  it('mark every translation but Norwegian and English as a draft, and fill in only the staff screens', () => {
    expect(LANGUAGES.filter((l) => l.reviewStatus === 'reviewed').map((l) => l.tag)).toEqual([
      'nb',
      'en',
    ]);
    expect(DRAFT_LANGUAGES.every((l) => l.draft && l.reviewStatus === 'draft')).toBe(true);
    expect(STAFF_LANGUAGES.some((l) => l.draft)).toBe(false);
    for (const language of DRAFT_LANGUAGES) {
      expect(Object.keys(language.messages).filter((key) => !(key in en)), language.tag).toEqual([]);
      // The staff screens fall back to English for what a draft lacks; the person's pages do not.
      expect(Object.keys(staffMessages(language)).length).toBe(Object.keys(en).length);
      expect(language.messages['audit.heading'], language.tag).toBeUndefined();
    }
  });
});
