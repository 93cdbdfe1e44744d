import { describe, expect, it } from 'vitest';
import en from '../app/i18n/messages/en.json';
import nb from '../app/i18n/messages/nb.json';
import { EMPTY_PERSON, toPersonRequest, validatePerson } from './registerForm';

describe('the register form', () => {
  it('names every empty field', () => {
    expect(validatePerson(EMPTY_PERSON).map((e) => e.field)).toEqual([
      'nationalId',
      'givenName',
      'familyName',
      'preferredLanguage',
    ]);
  });

  it('wants eleven digits for the national identity number, and leaves the check digits to the hub', () => {
    const draft = { nationalId: '0101801234', givenName: 'Amal', familyName: 'Testesen', preferredLanguage: 'ar' };
    expect(validatePerson(draft)).toEqual([
      { field: 'nationalId', message: 'people.form.error.nationalIdDigits' },
    ]);
    expect(validatePerson({ ...draft, nationalId: '010180 12345' })).toEqual([]);
  });

  it('refuses a name longer than the hub keeps, and a name of spaces', () => {
    const draft = { nationalId: '01018012345', givenName: 'x'.repeat(201), familyName: '  ', preferredLanguage: 'ar' };
    expect(validatePerson(draft)).toEqual([
      { field: 'givenName', message: 'people.form.error.nameTooLong' },
      { field: 'familyName', message: 'people.form.error.familyName' },
    ]);
  });

  it('sends the names as typed, markup and all, without the spaces around them', () => {
    expect(
      toPersonRequest({ nationalId: ' 010180 12345', givenName: ' <b>Amal</b> ', familyName: 'Testesen ', preferredLanguage: 'ar' }),
    ).toEqual({ nationalId: '01018012345', givenName: '<b>Amal</b>', familyName: 'Testesen', preferredLanguage: 'ar' });
  });

  it('has a sentence in both staff languages for every error it gives', () => {
    const errors = [
      ...validatePerson(EMPTY_PERSON),
      ...validatePerson({ nationalId: '12', givenName: 'x'.repeat(300), familyName: 'y', preferredLanguage: 'ar' }),
    ];
    for (const error of errors) {
      expect((nb as Record<string, string>)[error.message], error.message).toBeTruthy();
      expect((en as Record<string, string>)[error.message], error.message).toBeTruthy();
    }
  });
});
