import type { PersonView } from '../people/person';

/**
 * The shapes of the consent API as the screens read them. The hub's document types its instants as
 * empty objects, so the screens name these records themselves, field for field as the hub's
 * ConsentView, NewConsentRequest and Receipt are.
 */
export interface ConsentView {
  id: string;
  status: ConsentStatus;
  subjectId: string;
  grantorId: string;
  disclosingAgency: string;
  receivingAgency: string;
  direction: string;
  categories: string[];
  purpose: string;
  validFrom: string;
  validUntil: string;
  evidence: {
    collectionMethod: string;
    formSha256?: string;
    textLanguage: string;
    interpreter?: { identity: string; language: string };
    witness?: string;
    childHeard?: ChildHeard;
  };
  recordedBy: string;
  recordedByAgency: string;
  recordedAt: string;
  history: { at: string; by: string; status: string; reason?: string }[];
  /** Every guardian who has consented, the grantor first; empty for the person's own consent. */
  guardians: { id: string; name?: string; at: string; recordedBy: string }[];
  /** The child's registered guardians who have not consented to it. */
  guardiansAwaited: { id: string; name: string }[];
  /**
   * A guardian gave it with health information, and the young person, now old enough to decide
   * that themselves, has not confirmed it: it covers none of their health information until then.
   */
  awaitingConfirmation: boolean;
  confirmedAt?: string;
  confirmedBy?: string;
}

/** That the child was heard before the guardian consented: by whom, on which day, what they said. */
export interface ChildHeard {
  heardBy: string;
  /** YYYY-MM-DD. */
  heardOn: string;
  views?: string;
}

/**
 * What the hub's age rules say of a person today (the person's `consentAge`): the form asks for
 * what the hub will need from it, and keeps no copy of the rules.
 */
export interface ConsentAge {
  consentsToHealthThemselves: boolean;
  heardBeforeGuardianConsents: boolean;
  healthConsentFrom: string;
  guardiansNeeded: 'one' | 'every';
}

/** A person as the consent screens read them: with what the age rules say of them today. */
export type ConsentPerson = PersonView & { consentAge?: ConsentAge };

export type ConsentStatus = 'active' | 'withdrawn' | 'expired' | 'entered-in-error';

export interface NewConsentRequest {
  subjectId: string;
  grantorId?: string;
  disclosingAgency: string;
  receivingAgency: string;
  direction: 'one-way' | 'both-ways';
  categories: string[];
  purpose: string;
  validFrom?: string;
  validUntil: string;
  evidence: {
    collectionMethod: string;
    formSha256?: string;
    textLanguage: string;
    interpreter?: { identity: string; language: string };
    witness?: string;
  };
  childHeard?: ChildHeard;
}

/** The hub's consent receipt: the structured fields, and the same in words, one section a language. */
export interface Receipt {
  receiptId: string;
  consentId: string;
  status: string;
  issuedAt: string;
  sections: ReceiptSection[];
}

export interface ReceiptSection {
  language: string;
  direction: 'ltr' | 'rtl';
  title: string;
  summary: string;
  /** Whether a qualified translator reviewed the section's language; a draft says so in its note. */
  reviewStatus: 'draft' | 'reviewed';
  reviewNote?: string | null;
  lines: { label: string; values: string[] }[];
}

/** The ways a consent is collected, as the hub names them. */
export const COLLECTION_METHODS = ['paper-form', 'signature-pad', 'verbal-with-witness'] as const;
