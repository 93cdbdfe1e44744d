import { Button, Field, Heading, Label, Paragraph, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate, useSearchParams } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { ProblemNotice } from '../app/ProblemNotice';
import { errorFor, FormErrors } from './FormErrors';
import { LanguageOptions } from './LanguageOptions';
import './people.css';
import { fullName, type PersonView } from './person';
import { EMPTY_PERSON, toPersonRequest, validatePerson, type PersonDraft, type PersonFieldError } from './registerForm';

const fieldId = (field: string) => `person-${field}`;

/**
 * Registers an adult participant, or, with `?guardian=<id>`, a child with that participant as
 * guardian (a second guardian is linked on the child's page).
 */
export function RegisterPersonPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const guardianId = useSearchParams()[0].get('guardian');
  const [draft, setDraft] = useState<PersonDraft>(EMPTY_PERSON);
  // Checked from the first try on, and again as each field changes.
  const [attempt, setAttempt] = useState(0);
  const errors: PersonFieldError[] = attempt > 0 ? validatePerson(draft) : [];

  const guardian = useQuery({
    queryKey: ['participant', guardianId],
    enabled: guardianId !== null,
    queryFn: async () =>
      (await answerOf(
        api.GET('/api/participants/{id}', { params: { path: { id: guardianId ?? '' } } }),
      )) as unknown as PersonView,
  });

  const register = useMutation({
    mutationFn: async (request: PersonDraft) =>
      (guardianId
        ? await answerOf(
            api.POST('/api/participants/{id}/children', {
              params: { path: { id: guardianId } },
              body: request,
            }),
          )
        : await answerOf(api.POST('/api/participants', { body: request }))) as unknown as PersonView,
    onSuccess: async (person) => {
      await queries.invalidateQueries({ queryKey: ['participants'] });
      await queries.invalidateQueries({ queryKey: ['children'] });
      navigate(`/people/${encodeURIComponent(person.id)}`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validatePerson(draft);
    setAttempt((n) => n + 1);
    if (found.length === 0) {
      register.mutate(toPersonRequest(draft));
    }
  }

  const change = (field: keyof PersonDraft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const error = (field: keyof PersonDraft) => {
    const message = errorFor(errors, field);
    return message ? intl.formatMessage({ id: message }) : undefined;
  };
  const languageError = error('preferredLanguage');

  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id={guardianId ? 'people.registerChild.heading' : 'people.registerParticipant.heading'} />
      </Heading>
      {guardianId && guardian.data && (
        <Paragraph data-testid="child-of">
          <FormattedMessage
            id="people.registerChild.intro"
            values={{ guardian: <bdi>{fullName(guardian.data)}</bdi> }}
          />
        </Paragraph>
      )}
      {guardian.error && <ProblemNotice error={guardian.error} />}
      <FormErrors errors={errors} fieldId={fieldId} attempt={attempt} />
      <form className="people-form" onSubmit={submit} noValidate>
        <Textfield
          id={fieldId('nationalId')}
          label={intl.formatMessage({ id: 'people.form.nationalId' })}
          description={intl.formatMessage({ id: 'people.form.nationalId.description' })}
          inputMode="numeric"
          autoComplete="off"
          className="ltr"
          value={draft.nationalId}
          onChange={(event) => change('nationalId')(event.target.value)}
          error={error('nationalId')}
        />
        <Textfield
          id={fieldId('givenName')}
          label={intl.formatMessage({ id: 'people.form.givenName' })}
          autoComplete="off"
          dir="auto"
          value={draft.givenName}
          onChange={(event) => change('givenName')(event.target.value)}
          error={error('givenName')}
        />
        <Textfield
          id={fieldId('familyName')}
          label={intl.formatMessage({ id: 'people.form.familyName' })}
          autoComplete="off"
          dir="auto"
          value={draft.familyName}
          onChange={(event) => change('familyName')(event.target.value)}
          error={error('familyName')}
        />
        <Field>
          <Label htmlFor={fieldId('preferredLanguage')}>
            <FormattedMessage id="people.form.preferredLanguage" />
          </Label>
          <Select
            id={fieldId('preferredLanguage')}
            value={draft.preferredLanguage}
            onChange={(event) => change('preferredLanguage')(event.target.value)}
            aria-invalid={languageError ? true : undefined}
          >
            <option value="">{intl.formatMessage({ id: 'people.form.choose' })}</option>
            <LanguageOptions />
          </Select>
          {languageError && <ValidationMessage>{languageError}</ValidationMessage>}
        </Field>
        {register.error && <ProblemNotice error={register.error} />}
        <div className="people-actions">
          <Button type="submit" disabled={register.isPending}>
            <FormattedMessage id={guardianId ? 'people.registerChild.submit' : 'people.registerParticipant.submit'} />
          </Button>
          <Button type="button" variant="tertiary" onClick={() => navigate(-1)}>
            <FormattedMessage id="people.form.cancel" />
          </Button>
        </div>
      </form>
    </>
  );
}
