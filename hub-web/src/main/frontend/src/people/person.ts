/**
 * A registered person as the hub shows them (its PersonView), and a page of the register. The hub's
 * document gives the page's schema a name it shares with another record, and types the birth date
 * as an empty object, so the screens name the shapes they read.
 */
export interface PersonView {
  id: string;
  nationalId: string;
  givenName: string;
  familyName: string;
  /** When the names and identity number were erased; then they and the rest are absent. */
  erasedAt?: string;
  preferredLanguage: string;
  birthDate: string;
  child: boolean;
  guardianIds: string[];
}

export interface RegisterPage {
  participants: PersonView[];
  page: number;
  size: number;
  hasMore: boolean;
}

/**
 * The languages a participant may prefer and a consent may be explained in: the languages of the
 * municipality's refugee service. Kurmanji is `ku` (Latin script, left to right).
 */
export const PERSON_LANGUAGES = ['nb', 'en', 'ar', 'uk', 'ti', 'fa-AF', 'so', 'ku'] as const;

export function fullName(person: Pick<PersonView, 'givenName' | 'familyName'>): string {
  return `${person.givenName} ${person.familyName}`;
}
