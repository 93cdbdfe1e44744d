import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { DRAFT_LANGUAGES, STAFF_LANGUAGES } from './languages';
import ar from './messages/ar.draft.json';
import en from './messages/en.json';
import nb from './messages/nb.json';

const sources = import.meta.glob<string>('../../**/*.tsx', {
  query: '?raw',
  import: 'default',
  eager: true,
});

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

describe('the message catalogues', () => {
  it('have every key in every staff language', () => {
    const keys = Object.keys(nb).sort();
    for (const language of STAFF_LANGUAGES) {
      expect(Object.keys(language.messages).sort(), language.tag).toEqual(keys);
    }
    expect(Object.keys(en).sort()).toEqual(keys);
  });

  it('hold only ICU messages whose arguments are the same in every language', () => {
    for (const key of Object.keys(nb) as (keyof typeof nb)[]) {
      const norwegian = argumentsOf(parse(nb[key]));
      const english = argumentsOf(parse(en[key]));
      expect([...english].sort(), key).toEqual([...norwegian].sort());
    }
  });

  it('have every key the screens name', () => {
    const named = new Set<string>();
    for (const source of Object.values(sources)) {
      for (const match of source.matchAll(
        /(?:FormattedMessage\s+id=|formatMessage\(\{\s*id:\s*|heading=|label:\s*)["']([a-zA-Z][\w.-]*)["']/g,
      )) {
        named.add(match[1] as string);
      }
    }
    expect(named.size).toBeGreaterThan(10);
    const missing = [...named].filter((key) => !(key in nb));
    expect(missing).toEqual([]);
  });

  it('keep drafts to keys that exist, and mark them as drafts', () => {
    expect(Object.keys(ar).filter((key) => !(key in en))).toEqual([]);
    expect(DRAFT_LANGUAGES.every((language) => language.draft)).toBe(true);
    expect(STAFF_LANGUAGES.some((language) => language.draft)).toBe(false);
  });
});
