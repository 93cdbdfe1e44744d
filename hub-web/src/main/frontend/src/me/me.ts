import type { ConsentView, Receipt, ReceiptSection } from '../consent/consent';

/**
 * What the hub says about a signed-in person (`GET /api/me` for the citizen role): the person the
 * hub holds with that national identity number (none when it holds nothing about them), and the
 * people they may act for today, themselves first, then the children the hub's age rules let a
 * guardian act for. The hub decides who is in that list; the pages only show it.
 */
export interface CitizenMe {
  role: 'citizen';
  name: string;
  person?: { id: string; name: string; preferredLanguage: string } | null;
  actsFor?: ActsFor[];
}

export interface ActsFor {
  id: string;
  name: string;
  relation: 'self' | 'child' | string;
  birthDate?: string;
  /** The last day the hub lets the guardian act for the child, when the hub says. */
  until?: string | null;
}

/** The signed-in person, as the person's layout hands it to each page; undefined for staff. */
export interface PersonContext {
  me?: CitizenMe;
}

export function isCitizen(me: { role?: string } | undefined): me is CitizenMe {
  return me?.role === 'citizen';
}

/** Whom the person acts for, by the id in the address; undefined when the hub did not list them. */
export function actingFor(me: CitizenMe, personId: string): ActsFor | undefined {
  return me.actsFor?.find((entry) => entry.id === personId);
}

/** A receipt's section, with the review status of its language's text, as the hub writes it. */
export type PersonReceiptSection = ReceiptSection;

/** An agency named on a receipt, with its organisation number. */
export interface Party {
  name: string;
  organisationNumber: string;
}

export interface PersonReceipt extends Omit<Receipt, 'sections'> {
  disclosing?: Party;
  receiving?: Party;
  validUntil?: string;
  sections: PersonReceiptSection[];
}

/** The sections of a receipt or a log the page shows: the reader's language first, Norwegian beside. */
export function readerFirst<T extends { language: string }>(sections: readonly T[], reader: string): T[] {
  const base = (tag: string) => new Intl.Locale(tag).language;
  const mine = sections.filter((s) => s.language === reader);
  const same = mine.length > 0 ? mine : sections.filter((s) => base(s.language) === base(reader));
  return [...same, ...sections.filter((s) => !same.includes(s))];
}

const ORDER = ['active', 'expired', 'withdrawn', 'entered-in-error'];

/** Consents in force first, then the rest, each group newest first. */
export function inReadingOrder(consents: readonly ConsentView[]): ConsentView[] {
  const rank = (status: string) => (ORDER.indexOf(status) + ORDER.length + 1) % (ORDER.length + 1);
  return [...consents].sort(
    (a, b) => rank(a.status) - rank(b.status) || b.recordedAt.localeCompare(a.recordedAt),
  );
}

/** The name of the file the export is saved as: the hub's, or one that says whose and when. */
export function exportFileName(disposition: string | null, personId: string): string {
  const named = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i)?.[1];
  return named ? decodeURIComponent(named) : `bindeledd-${personId}.json`;
}
