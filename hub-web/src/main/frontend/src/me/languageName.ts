/**
 * A language's name in the reader's language, from the engine's (or the bundled) display names,
 * or the tag itself where there is none.
 */
export function languageName(tag: string, reader: string): string {
  try {
    return new Intl.DisplayNames([reader], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
