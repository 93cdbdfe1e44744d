import { describe, expect, it } from 'vitest';
import { sectionFor, type AccessLog, type AccessLogSectionText } from './accessLog';

function section(language: string): AccessLogSectionText {
  const part = { title: 't', whenEmpty: 'none', items: [] };
  return { language, direction: 'ltr', title: language, summary: '', consents: part, entries: part, help: '' };
}

const log = (...languages: string[]): AccessLog => ({
  subjectId: 's',
  issuedAt: '2026-12-01T12:00:00Z',
  complete: true,
  entries: [],
  sections: languages.map(section),
});

describe("the access log's section", () => {
  it("is the one in the reader's language", () => {
    expect(sectionFor(log('en', 'nb'), 'en')?.title).toBe('en');
    expect(sectionFor(log('en', 'nb'), 'nb')?.title).toBe('nb');
  });

  it('matches a regional tag by its language, and falls back to the first section', () => {
    expect(sectionFor(log('en-GB', 'nb'), 'en')?.title).toBe('en-GB');
    expect(sectionFor(log('nb'), 'ar')?.title).toBe('nb');
    expect(sectionFor(log(), 'nb')).toBeUndefined();
  });
});
