import { describe, expect, it } from 'vitest';
import type { ConsentView } from '../consent/consent';
import { actingFor, exportFileName, inReadingOrder, isCitizen, readerFirst } from './me';

const consent = (id: string, status: string, recordedAt: string) =>
  ({ id, status, recordedAt }) as unknown as ConsentView;

describe("the person's own pages", () => {
  it('know a citizen by the role the hub gives', () => {
    expect(isCitizen({ role: 'citizen' })).toBe(true);
    expect(isCitizen({ role: 'caseworker' })).toBe(false);
    expect(isCitizen(undefined)).toBe(false);
  });

  it('find whom the person acts for only among those the hub listed', () => {
    const me = {
      role: 'citizen' as const,
      name: 'Amina',
      actsFor: [
        { id: 'p1', name: 'Amina', relation: 'self' },
        { id: 'c1', name: 'Sara', relation: 'child' },
      ],
    };
    expect(actingFor(me, 'c1')?.name).toBe('Sara');
    expect(actingFor(me, 'other')).toBeUndefined();
  });

  it("put the reader's language first and the Norwegian after it", () => {
    const sections = [{ language: 'nb' }, { language: 'fa-AF' }];
    expect(readerFirst(sections, 'fa-AF').map((s) => s.language)).toEqual(['fa-AF', 'nb']);
    expect(readerFirst(sections, 'nb').map((s) => s.language)).toEqual(['nb', 'fa-AF']);
    expect(readerFirst([{ language: 'nb' }], 'ti').map((s) => s.language)).toEqual(['nb']);
  });

  it('list consents in force first, newest first', () => {
    const ordered = inReadingOrder([
      consent('old', 'active', '2026-01-01T10:00:00Z'),
      consent('gone', 'withdrawn', '2026-06-01T10:00:00Z'),
      consent('new', 'active', '2026-03-01T10:00:00Z'),
      consent('odd', 'something-new', '2026-09-01T10:00:00Z'),
    ]);
    expect(ordered.map((c) => c.id)).toEqual(['new', 'old', 'gone', 'odd']);
  });

  it("save the export under the hub's file name", () => {
    expect(exportFileName('attachment; filename="person-123.json"', 'x')).toBe('person-123.json');
    expect(exportFileName(null, 'abc')).toBe('bindeledd-abc.json');
  });
});
