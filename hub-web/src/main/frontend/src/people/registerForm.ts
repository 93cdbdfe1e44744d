/**
 * The form that registers a person: an adult participant, or a child with the participant as
 * guardian. It checks only that each field is filled in and that the number has eleven digits; the
 * hub checks the number's check digits and whether the person is registered already.
 */
export interface PersonDraft {
  nationalId: string;
  givenName: string;
  familyName: string;
  preferredLanguage: string;
}

export type PersonField = keyof PersonDraft;

export interface PersonFieldError {
  field: PersonField;
  message: string;
}

export const EMPTY_PERSON: PersonDraft = {
  nationalId: '',
  givenName: '',
  familyName: '',
  preferredLanguage: '',
};

const NAME_LIMIT = 200;

export function validatePerson(draft: PersonDraft): PersonFieldError[] {
  const errors: PersonFieldError[] = [];
  const number = draft.nationalId.replace(/\s+/g, '');
  if (!number) {
    errors.push({ field: 'nationalId', message: 'people.form.error.nationalId' });
  } else if (!/^\d{11}$/.test(number)) {
    errors.push({ field: 'nationalId', message: 'people.form.error.nationalIdDigits' });
  }
  for (const field of ['givenName', 'familyName'] as const) {
    const name = draft[field].trim();
    if (!name) {
      errors.push({ field, message: `people.form.error.${field}` });
    } else if (name.length > NAME_LIMIT) {
      errors.push({ field, message: 'people.form.error.nameTooLong' });
    }
  }
  if (!draft.preferredLanguage) {
    errors.push({ field: 'preferredLanguage', message: 'people.form.error.preferredLanguage' });
  }
  return errors;
}

/** The hub's NewPersonRequest: the names as typed, without the spaces around them. */
export function toPersonRequest(draft: PersonDraft): PersonDraft {
  return {
    nationalId: draft.nationalId.replace(/\s+/g, ''),
    givenName: draft.givenName.trim(),
    familyName: draft.familyName.trim(),
    preferredLanguage: draft.preferredLanguage,
  };
}
