/**
 * Date, number, plural and language-name data for the languages a browser lacks. Debian's Chromium
 * (and other trimmed builds of ICU) has none for Tigrinya, Somali or Kurmanji, and writes their
 * dates in English; FormatJS's polyfills, bundled with the data for the person's languages, fill
 * the gap. Each part is loaded only in a browser that lacks the language, and only then.
 */
type Loader = () => Promise<unknown>;

interface Polyfill {
  /** Whether the engine's own constructor knows the language. */
  knows: (tag: string) => boolean;
  /** Installs FormatJS's implementation in place of the engine's. */
  install: Loader;
  /** Data the implementation needs besides each language's (the time zone's rules). */
  extra?: Loader;
  /** Each language's data. */
  data: Record<string, Loader>;
}

const supported =
  (constructor: { supportedLocalesOf(locales: string[]): string[] } | undefined) =>
  (tag: string) =>
    constructor !== undefined && constructor.supportedLocalesOf([tag]).length > 0;

// Installed in this order: number formats need plural rules, dates need number formats.
const POLYFILLS: Record<'pluralRules' | 'numberFormat' | 'dateTimeFormat' | 'displayNames', Polyfill> = {
  pluralRules: {
    knows: supported(Intl.PluralRules),
    install: () => import('@formatjs/intl-pluralrules/polyfill-force.js'),
    data: {
      nb: () => import('@formatjs/intl-pluralrules/locale-data/nb.js'),
      en: () => import('@formatjs/intl-pluralrules/locale-data/en.js'),
      ar: () => import('@formatjs/intl-pluralrules/locale-data/ar.js'),
      uk: () => import('@formatjs/intl-pluralrules/locale-data/uk.js'),
      ti: () => import('@formatjs/intl-pluralrules/locale-data/ti.js'),
      fa: () => import('@formatjs/intl-pluralrules/locale-data/fa.js'),
      so: () => import('@formatjs/intl-pluralrules/locale-data/so.js'),
      ku: () => import('@formatjs/intl-pluralrules/locale-data/ku.js'),
    },
  },
  numberFormat: {
    knows: supported(Intl.NumberFormat),
    install: () => import('@formatjs/intl-numberformat/polyfill-force.js'),
    data: {
      nb: () => import('@formatjs/intl-numberformat/locale-data/nb.js'),
      en: () => import('@formatjs/intl-numberformat/locale-data/en.js'),
      ar: () => import('@formatjs/intl-numberformat/locale-data/ar.js'),
      uk: () => import('@formatjs/intl-numberformat/locale-data/uk.js'),
      ti: () => import('@formatjs/intl-numberformat/locale-data/ti.js'),
      'fa-AF': () => import('@formatjs/intl-numberformat/locale-data/fa-AF.js'),
      so: () => import('@formatjs/intl-numberformat/locale-data/so.js'),
      ku: () => import('@formatjs/intl-numberformat/locale-data/ku.js'),
    },
  },
  dateTimeFormat: {
    knows: supported(Intl.DateTimeFormat),
    install: () => import('@formatjs/intl-datetimeformat/polyfill-force.js'),
    extra: () => import('./osloTimeZone'),
    data: {
      nb: () => import('@formatjs/intl-datetimeformat/locale-data/nb.js'),
      en: () => import('@formatjs/intl-datetimeformat/locale-data/en.js'),
      ar: () => import('@formatjs/intl-datetimeformat/locale-data/ar.js'),
      uk: () => import('@formatjs/intl-datetimeformat/locale-data/uk.js'),
      ti: () => import('@formatjs/intl-datetimeformat/locale-data/ti.js'),
      'fa-AF': () => import('@formatjs/intl-datetimeformat/locale-data/fa-AF.js'),
      so: () => import('@formatjs/intl-datetimeformat/locale-data/so.js'),
      ku: () => import('@formatjs/intl-datetimeformat/locale-data/ku.js'),
    },
  },
  displayNames: {
    knows: supported(Intl.DisplayNames),
    install: () => import('@formatjs/intl-displaynames/polyfill-force.js'),
    data: {
      nb: () => import('@formatjs/intl-displaynames/locale-data/nb.js'),
      en: () => import('@formatjs/intl-displaynames/locale-data/en.js'),
      ar: () => import('@formatjs/intl-displaynames/locale-data/ar.js'),
      uk: () => import('@formatjs/intl-displaynames/locale-data/uk.js'),
      ti: () => import('@formatjs/intl-displaynames/locale-data/ti.js'),
      'fa-AF': () => import('@formatjs/intl-displaynames/locale-data/fa-AF.js'),
      so: () => import('@formatjs/intl-displaynames/locale-data/so.js'),
      ku: () => import('@formatjs/intl-displaynames/locale-data/ku.js'),
    },
  },
};

export type IntlPart = keyof typeof POLYFILLS;

const installed = new Set<IntlPart>();
const loaded = new Set<string>();

/** The languages whose data goes with any one: itself, and Norwegian and English beside it. */
function companions(tag: string): string[] {
  return [...new Set([tag, 'nb', 'en'])];
}

function dataFor(polyfill: Polyfill, tag: string): Loader | undefined {
  return polyfill.data[tag] ?? polyfill.data[new Intl.Locale(tag).language];
}

/**
 * Makes dates, numbers, plurals and language names work in `tag`: where the engine lacks the
 * language (or `force` says to act as if it did), installs the polyfill and loads its data for
 * the language and for Norwegian and English, which the person's pages show beside it. Once a
 * part is polyfilled, every language shown later gets its data too. Returns the parts polyfilled.
 */
export async function ensureLocaleData(
  tag: string,
  force: readonly IntlPart[] = [],
): Promise<IntlPart[]> {
  for (const [part, polyfill] of Object.entries(POLYFILLS) as [IntlPart, Polyfill][]) {
    const needed = installed.has(part) || force.includes(part) || !polyfill.knows(tag);
    if (!needed) {
      continue;
    }
    if (!installed.has(part)) {
      await polyfill.install();
      await polyfill.extra?.();
      installed.add(part);
    }
    for (const language of companions(tag)) {
      const load = dataFor(polyfill, language);
      const key = `${part}:${language}`;
      if (load && !loaded.has(key)) {
        await load();
        loaded.add(key);
      }
    }
  }
  return [...installed];
}
