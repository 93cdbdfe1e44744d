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
  };
  recordedBy: string;
  recordedByAgency: string;
  recordedAt: string;
  history: { at: string; by: string; status: string; reason?: string }[];
}

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
  lines: { label: string; values: string[] }[];
}

/** The ways a consent is collected, as the hub names them. */
export const COLLECTION_METHODS = ['paper-form', 'signature-pad', 'verbal-with-witness'] as const;
