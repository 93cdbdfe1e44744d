import { describe, expect, it } from 'vitest';
import en from '../app/i18n/messages/en.json';
import nb from '../app/i18n/messages/nb.json';

/**
 * The hub's codes the exchange screens put in words (docs/screens-api.md and the hub's enums). A
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
};

describe("the words for the hub's codes", () => {
  it('exist in both staff languages for every code the hub has', () => {
    for (const [group, codes] of Object.entries(CODES)) {
      for (const code of codes) {
        const id = `exchange.${group}.${code}`;
        expect((nb as Record<string, string>)[id], id).toBeTruthy();
        expect((en as Record<string, string>)[id], id).toBeTruthy();
      }
    }
  });

  it('say of a health category that it is health information', () => {
    for (const code of ['appointment-outcomes', 'referral-status']) {
      expect((nb as Record<string, string>)[`exchange.category.${code}`]).toContain('helse');
      expect((en as Record<string, string>)[`exchange.category.${code}`]).toContain('health');
    }
  });
});
