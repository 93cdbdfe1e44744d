/** The writing direction of a language, from the locale data of the JavaScript engine itself. */
export type Direction = 'ltr' | 'rtl';

interface TextInfo {
  direction?: string;
}

// Chromium has Intl.Locale.prototype.getTextInfo(); Node (and older engines) the textInfo getter.
type LocaleWithTextInfo = Intl.Locale & {
  getTextInfo?: () => TextInfo;
  textInfo?: TextInfo;
};

export function directionOf(languageTag: string): Direction {
  const locale = new Intl.Locale(languageTag) as LocaleWithTextInfo;
  const info = typeof locale.getTextInfo === 'function' ? locale.getTextInfo() : locale.textInfo;
  return info?.direction === 'rtl' ? 'rtl' : 'ltr';
}
