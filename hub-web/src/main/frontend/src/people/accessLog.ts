/**
 * A person's access log as the hub writes it (its AccessLog record): who got or looked at what
 * about them, when and on which consent, in plain words, one section a language.
 */
export interface AccessLog {
  subjectId: string;
  issuedAt: string;
  complete: boolean;
  entries: { auditSeq: number; time: string; kind: string }[];
  sections: AccessLogSectionText[];
}

export interface AccessLogSectionText {
  language: string;
  direction: 'ltr' | 'rtl';
  title: string;
  summary: string;
  note?: string | null;
  consents: AccessLogPart;
  entries: AccessLogPart;
  help: string;
}

export interface AccessLogPart {
  title: string;
  whenEmpty: string;
  items: { at?: string | null; when?: string | null; text: string; details: { label: string; values: string[] }[] }[];
}

/**
 * The section a caseworker reads: the one in the language of the screens. The hub writes the
 * person's language (here, the reader's) first and Norwegian last, so the first section is the
 * fallback.
 */
export function sectionFor(log: AccessLog, readerLanguage: string): AccessLogSectionText | undefined {
  const base = new Intl.Locale(readerLanguage).language;
  return (
    log.sections.find((section) => new Intl.Locale(section.language).language === base) ??
    log.sections[0]
  );
}
