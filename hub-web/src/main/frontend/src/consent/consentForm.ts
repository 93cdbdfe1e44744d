import type { NewConsentRequest } from './consent';
import { endOfOsloDay, isDay, osloToday, startOfOsloDay } from './osloDay';

/**
 * The consent form as the caseworker fills it in, before it becomes the hub's request. The checks
 * here are only that each field is filled in and readable; whether the consent may be recorded at
 * all (agencies, health data, who may give it) is the hub's to decide, and its answer is shown.
 */
export interface ConsentDraft {
  disclosingAgency: string;
  receivingAgency: string;
  direction: 'one-way' | 'both-ways';
  categories: string[];
  purpose: string;
  /** YYYY-MM-DD from the date input, on Oslo's calendar. */
  validFrom: string;
  validUntil: string;
  /** The guardian who gave a child's consent; empty for an adult, who gives their own. */
  grantorId: string;
  collectionMethod: string;
  /** The SHA-256 of the signed form the caseworker chose, computed in the browser. */
  formSha256: string;
  formName: string;
  textLanguage: string;
  interpreterIdentity: string;
  interpreterLanguage: string;
  witness: string;
  /** Who heard the child before the guardian consented, on which day, and what the child said. */
  childHeardBy: string;
  childHeardOn: string;
  childViews: string;
}

/** Who the consent is about, as far as the form needs to know. */
export interface ConsentSubject {
  id: string;
  child: boolean;
  preferredLanguage: string;
  /** The hub says a guardian who consents for this child records who heard them (its consentAge). */
  heardBeforeGuardianConsents?: boolean;
}

export type ConsentField =
  | 'disclosingAgency'
  | 'receivingAgency'
  | 'categories'
  | 'purpose'
  | 'validFrom'
  | 'validUntil'
  | 'grantorId'
  | 'collectionMethod'
  | 'formSha256'
  | 'textLanguage'
  | 'interpreterIdentity'
  | 'interpreterLanguage'
  | 'witness'
  | 'childHeardBy'
  | 'childHeardOn';

/** A field that is not filled in right, and the catalogue key of the sentence saying how. */
export interface FieldError {
  field: ConsentField;
  message: string;
}

/** Which collection methods leave a signed form, whose hash the hub keeps as evidence. */
export function leavesASignedForm(method: string): boolean {
  return method === 'paper-form' || method === 'signature-pad';
}

export function emptyDraft(
  subject: ConsentSubject,
  ownAgency: string,
  today = osloToday(),
): ConsentDraft {
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  return {
    disclosingAgency: '',
    receivingAgency: ownAgency,
    direction: 'one-way',
    categories: [],
    purpose: '',
    validFrom: today,
    validUntil: isDay(nextYear) ? nextYear : `${nextYear.slice(0, 8)}28`,
    grantorId: '',
    collectionMethod: 'paper-form',
    formSha256: '',
    formName: '',
    textLanguage: subject.preferredLanguage,
    interpreterIdentity: '',
    interpreterLanguage: '',
    witness: '',
    childHeardBy: '',
    childHeardOn: today,
    childViews: '',
  };
}

/** Whether the form asks who heard the child: the hub said it will need it. */
export function asksWhoHeardTheChild(subject: ConsentSubject): boolean {
  return subject.child && subject.heardBeforeGuardianConsents === true;
}

export function validate(draft: ConsentDraft, subject: ConsentSubject): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (field: ConsentField, message: string) => errors.push({ field, message });
  if (!draft.disclosingAgency) fail('disclosingAgency', 'consent.form.error.disclosingAgency');
  if (!draft.receivingAgency) fail('receivingAgency', 'consent.form.error.receivingAgency');
  if (draft.disclosingAgency && draft.disclosingAgency === draft.receivingAgency) {
    fail('receivingAgency', 'consent.form.error.sameAgency');
  }
  if (draft.categories.length === 0) fail('categories', 'consent.form.error.categories');
  if (!draft.purpose) fail('purpose', 'consent.form.error.purpose');
  if (!isDay(draft.validFrom)) fail('validFrom', 'consent.form.error.validFrom');
  if (!isDay(draft.validUntil)) {
    fail('validUntil', 'consent.form.error.validUntil');
  } else if (isDay(draft.validFrom) && draft.validUntil < draft.validFrom) {
    fail('validUntil', 'consent.form.error.untilBeforeFrom');
  }
  if (subject.child && !draft.grantorId) fail('grantorId', 'consent.form.error.grantorId');
  if (!draft.collectionMethod) fail('collectionMethod', 'consent.form.error.collectionMethod');
  if (leavesASignedForm(draft.collectionMethod) && !/^[0-9a-f]{64}$/.test(draft.formSha256)) {
    fail('formSha256', 'consent.form.error.formSha256');
  }
  if (draft.collectionMethod === 'verbal-with-witness' && !draft.witness.trim()) {
    fail('witness', 'consent.form.error.witness');
  }
  if (asksWhoHeardTheChild(subject)) {
    if (!draft.childHeardBy.trim()) fail('childHeardBy', 'consent.form.error.childHeardBy');
    if (!isDay(draft.childHeardOn)) fail('childHeardOn', 'consent.form.error.childHeardOn');
  }
  if (!draft.textLanguage) fail('textLanguage', 'consent.form.error.textLanguage');
  const interpreter = draft.interpreterIdentity.trim();
  if (interpreter && !draft.interpreterLanguage) {
    fail('interpreterLanguage', 'consent.form.error.interpreterLanguage');
  }
  if (!interpreter && draft.interpreterLanguage) {
    fail('interpreterIdentity', 'consent.form.error.interpreterIdentity');
  }
  return errors;
}

/**
 * The hub's request for a filled-in draft. A consent from today starts when it is recorded (the
 * hub's default); one from another day at the start of that day in Oslo. It lasts to the end of its
 * last day. Only the form's hash is sent, never the form.
 */
export function toRequest(
  draft: ConsentDraft,
  subject: ConsentSubject,
  today = osloToday(),
): NewConsentRequest {
  const interpreter = draft.interpreterIdentity.trim();
  const witness = draft.witness.trim();
  const signedForm = leavesASignedForm(draft.collectionMethod);
  return {
    subjectId: subject.id,
    ...(subject.child ? { grantorId: draft.grantorId } : {}),
    disclosingAgency: draft.disclosingAgency,
    receivingAgency: draft.receivingAgency,
    direction: draft.direction,
    categories: [...draft.categories].sort(),
    purpose: draft.purpose,
    ...(draft.validFrom === today ? {} : { validFrom: startOfOsloDay(draft.validFrom).toISOString() }),
    validUntil: endOfOsloDay(draft.validUntil).toISOString(),
    evidence: {
      collectionMethod: draft.collectionMethod,
      ...(signedForm ? { formSha256: draft.formSha256 } : {}),
      textLanguage: draft.textLanguage,
      ...(interpreter ? { interpreter: { identity: interpreter, language: draft.interpreterLanguage } } : {}),
      ...(!signedForm && witness ? { witness } : {}),
    },
    ...(asksWhoHeardTheChild(subject)
      ? {
          childHeard: {
            heardBy: draft.childHeardBy.trim(),
            heardOn: draft.childHeardOn,
            ...(draft.childViews.trim() ? { views: draft.childViews.trim() } : {}),
          },
        }
      : {}),
  };
}
