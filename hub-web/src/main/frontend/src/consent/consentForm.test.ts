import { describe, expect, it } from 'vitest';
import en from '../app/i18n/messages/en.json';
import nb from '../app/i18n/messages/nb.json';
import { emptyDraft, toRequest, validate, type ConsentDraft, type ConsentSubject } from './consentForm';

const TODAY = '2026-12-01';
const REFUGEE_SERVICE = '311000004';
const GP_OFFICE = '311000012';
const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

const adult: ConsentSubject = { id: 'adult-1', child: false, preferredLanguage: 'ar' };
const child: ConsentSubject = { id: 'child-1', child: true, preferredLanguage: 'uk' };

function filledIn(subject: ConsentSubject, changes: Partial<ConsentDraft> = {}): ConsentDraft {
  return {
    ...emptyDraft(subject, REFUGEE_SERVICE, TODAY),
    disclosingAgency: GP_OFFICE,
    categories: ['referral-status', 'appointment-outcomes'],
    purpose: 'introduction-programme-follow-up',
    formSha256: HASH,
    formName: 'signed.pdf',
    interpreterIdentity: ' Interpreter 4711 ',
    interpreterLanguage: 'ar',
    ...changes,
  };
}

function fieldsIn(draft: ConsentDraft, subject = adult) {
  return validate(draft, subject).map((error) => error.field);
}

describe('the consent form', () => {
  it('starts with the own agency receiving, for a year from today, in the persons language', () => {
    const draft = emptyDraft(adult, REFUGEE_SERVICE, TODAY);
    expect(draft.receivingAgency).toBe(REFUGEE_SERVICE);
    expect(draft.validFrom).toBe('2026-12-01');
    expect(draft.validUntil).toBe('2027-12-01');
    expect(draft.textLanguage).toBe('ar');
    expect(emptyDraft(adult, REFUGEE_SERVICE, '2028-02-29').validUntil).toBe('2029-02-28');
  });

  it('names every field that is missing when nothing is filled in', () => {
    const empty = { ...emptyDraft(child, '', TODAY), validFrom: '', validUntil: '', textLanguage: '' };
    expect(fieldsIn(empty, child)).toEqual([
      'disclosingAgency',
      'receivingAgency',
      'categories',
      'purpose',
      'validFrom',
      'validUntil',
      'grantorId',
      'formSha256',
      'textLanguage',
    ]);
  });

  it('finds nothing wrong with a filled-in form', () => {
    expect(validate(filledIn(adult), adult)).toEqual([]);
    expect(validate(filledIn(child, { grantorId: 'guardian-1' }), child)).toEqual([]);
  });

  it('asks who gave a childs consent, and not an adults', () => {
    expect(fieldsIn(filledIn(child), child)).toEqual(['grantorId']);
    expect(fieldsIn(filledIn(adult))).toEqual([]);
  });

  it('wants the signed form for a paper form or signature pad, and a witness for a verbal consent', () => {
    expect(fieldsIn(filledIn(adult, { formSha256: '' }))).toEqual(['formSha256']);
    expect(fieldsIn(filledIn(adult, { collectionMethod: 'signature-pad', formSha256: '' }))).toEqual(
      ['formSha256'],
    );
    expect(fieldsIn(filledIn(adult, { collectionMethod: 'verbal-with-witness', formSha256: '' }))).toEqual(
      ['witness'],
    );
    expect(
      fieldsIn(filledIn(adult, { collectionMethod: 'verbal-with-witness', witness: 'Ola Vitne' })),
    ).toEqual([]);
  });

  it('refuses an end before the start, two equal agencies, and a half-named interpreter', () => {
    expect(fieldsIn(filledIn(adult, { validUntil: '2026-11-30' }))).toEqual(['validUntil']);
    expect(fieldsIn(filledIn(adult, { validUntil: TODAY }))).toEqual([]);
    expect(fieldsIn(filledIn(adult, { disclosingAgency: REFUGEE_SERVICE }))).toEqual([
      'receivingAgency',
    ]);
    expect(fieldsIn(filledIn(adult, { interpreterLanguage: '' }))).toEqual(['interpreterLanguage']);
    expect(fieldsIn(filledIn(adult, { interpreterIdentity: '  ' }))).toEqual(['interpreterIdentity']);
  });

  it('has a sentence in both staff languages for every error it gives', () => {
    const everything = validate(
      { ...emptyDraft(child, '', TODAY), validFrom: 'x', validUntil: 'y', textLanguage: '', interpreterLanguage: 'ar' },
      child,
    );
    const more = [
      ...validate(filledIn(adult, { disclosingAgency: REFUGEE_SERVICE, validUntil: '2026-01-01' }), adult),
      ...validate(filledIn(adult, { collectionMethod: 'verbal-with-witness', interpreterLanguage: '' }), adult),
      ...validate(filledIn(adult, { collectionMethod: '' }), adult),
    ];
    for (const error of [...everything, ...more]) {
      expect((nb as Record<string, string>)[error.message], error.message).toBeTruthy();
      expect((en as Record<string, string>)[error.message], error.message).toBeTruthy();
    }
  });
});

describe("the consent form's request", () => {
  it('is the hubs request for an adults own consent, with only the forms hash', () => {
    expect(toRequest(filledIn(adult), adult, TODAY)).toEqual({
      subjectId: 'adult-1',
      disclosingAgency: GP_OFFICE,
      receivingAgency: REFUGEE_SERVICE,
      direction: 'one-way',
      categories: ['appointment-outcomes', 'referral-status'],
      purpose: 'introduction-programme-follow-up',
      validUntil: '2027-12-01T22:59:59.000Z',
      evidence: {
        collectionMethod: 'paper-form',
        formSha256: HASH,
        textLanguage: 'ar',
        interpreter: { identity: 'Interpreter 4711', language: 'ar' },
      },
    });
  });

  it('names the guardian who gave a childs consent', () => {
    const request = toRequest(filledIn(child, { grantorId: 'guardian-1' }), child, TODAY);
    expect(request.subjectId).toBe('child-1');
    expect(request.grantorId).toBe('guardian-1');
    expect(toRequest(filledIn(adult, { grantorId: 'someone' }), adult, TODAY).grantorId).toBeUndefined();
  });

  it('starts a consent from another day at the start of that day in Oslo', () => {
    const later = toRequest(filledIn(adult, { validFrom: '2027-01-15' }), adult, TODAY);
    expect(later.validFrom).toBe('2027-01-14T23:00:00.000Z');
    expect(toRequest(filledIn(adult), adult, TODAY).validFrom).toBeUndefined();
  });

  it('sends a witness and no hash for a verbal consent, and no interpreter when there was none', () => {
    const verbal = toRequest(
      filledIn(adult, {
        collectionMethod: 'verbal-with-witness',
        witness: ' Ola Vitne ',
        interpreterIdentity: '',
        interpreterLanguage: '',
      }),
      adult,
      TODAY,
    );
    expect(verbal.evidence).toEqual({
      collectionMethod: 'verbal-with-witness',
      textLanguage: 'ar',
      witness: 'Ola Vitne',
    });
  });

  it('sends the file name to nobody', () => {
    expect(JSON.stringify(toRequest(filledIn(adult), adult, TODAY))).not.toContain('signed.pdf');
  });

  it('asks who heard the child only when the hub says it will need it', () => {
    const teenager: ConsentSubject = { ...child, heardBeforeGuardianConsents: true };
    const draft = filledIn(teenager, { grantorId: 'guardian-1' });

    expect(fieldsIn(draft, teenager)).toEqual(['childHeardBy']);
    expect(fieldsIn({ ...draft, childHeardBy: 'Kari', childHeardOn: '' }, teenager)).toEqual([
      'childHeardOn',
    ]);
    expect(fieldsIn(draft, child)).toEqual([]);
    expect(toRequest(draft, child, TODAY).childHeard).toBeUndefined();
    expect(
      toRequest(
        { ...draft, childHeardBy: ' Kari Nordmann ', childViews: ' Vil ha hjelp. ' },
        teenager,
        TODAY,
      ).childHeard,
    ).toEqual({ heardBy: 'Kari Nordmann', heardOn: TODAY, views: 'Vil ha hjelp.' });
    expect(toRequest({ ...draft, childHeardBy: 'Kari' }, teenager, TODAY).childHeard).toEqual({
      heardBy: 'Kari',
      heardOn: TODAY,
    });
  });

  it('has words for the errors about the childs hearing in both languages', () => {
    for (const key of ['consent.form.error.childHeardBy', 'consent.form.error.childHeardOn']) {
      expect(nb).toHaveProperty([key]);
      expect(en).toHaveProperty([key]);
    }
  });
});
