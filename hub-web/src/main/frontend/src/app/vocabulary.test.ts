import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import en from './i18n/messages/en.json';
import nb from './i18n/messages/nb.json';
import { categoryChoice, codeWords, labelWords } from './vocabulary';

/**
 * The hub's codes the screens put in words (docs/screens-api.md and the hub's enums). A
 * code without words would still show, as itself; these are the ones the hub has today.
 */
const CODES = {
  difference: [
    'other-agencies',
    'other-direction',
    'other-category',
    'other-purpose',
    'not-yet-valid',
    'expired',
    'withdrawn',
    'awaiting-confirmation',
    'awaiting-guardians',
  ],
  category: [
    'appointment-outcomes',
    'referral-status',
    'language-support-needs',
    'interpreter-needs',
    'participant-plan',
  ],
  purpose: [
    'introduction-programme-follow-up',
    'school-start-follow-up',
    'kindergarten-start-follow-up',
    'participant-plan-sharing',
  ],
  kind: ['request', 'answer', 'plan', 'decline'],
  collectionMethod: ['paper-form', 'signature-pad', 'verbal-with-witness'],
  consentStatus: ['active', 'withdrawn', 'expired', 'entered-in-error'],
  deliveryStatus: ['created', 'sent', 'delivered', 'read', 'failed', 'expired', 'held', 'declined'],
};

describe("the words for the hub's codes", () => {
  it('exist in both staff languages for every code the hub has', () => {
    for (const [group, codes] of Object.entries(CODES)) {
      for (const code of codes) {
        const id = `vocabulary.${group}.${code}`;
        expect((nb as Record<string, string>)[id], id).toBeTruthy();
        expect((en as Record<string, string>)[id], id).toBeTruthy();
      }
    }
  });

  it('mark a category to choose as health information when the hub says it is', () => {
    for (const [locale, messages, health] of [
      ['nb', nb, 'helse'],
      ['en', en, 'health'],
    ] as const) {
      const intl = createIntl({ locale, messages });
      const plain = labelWords(intl, 'category', 'referral-status');
      expect(categoryChoice(intl, { code: 'referral-status', healthData: true })).toContain(health);
      expect(categoryChoice(intl, { code: 'referral-status', healthData: true })).toContain(plain);
      expect(categoryChoice(intl, { code: 'interpreter-needs', healthData: false })).toBe(
        labelWords(intl, 'category', 'interpreter-needs'),
      );
    }
  });

  it('read inside a sentence as the catalogue has them, and begin with a capital as a label', () => {
    const intl = createIntl({ locale: 'nb', messages: nb });
    expect(codeWords(intl, 'purpose', 'school-start-follow-up')).toBe('oppfølging av skolestart');
    expect(labelWords(intl, 'purpose', 'school-start-follow-up')).toBe('Oppfølging av skolestart');
  });

  it('show a code the catalogue has no words for as itself', () => {
    const intl = createIntl({ locale: 'en', messages: en });
    expect(codeWords(intl, 'category', 'a-new-category')).toBe('a-new-category');
  });
});
