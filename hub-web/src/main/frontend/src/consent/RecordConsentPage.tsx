import { categoryChoice, labelWords } from '../app/vocabulary';
import {
  Alert,
  Button,
  Checkbox,
  Field,
  Fieldset,
  Heading,
  Input,
  Label,
  Link,
  Paragraph,
  Radio,
  Select,
  Spinner,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { ProblemNotice } from '../app/ProblemNotice';
import { useMe } from '../app/session';
import { errorFor, FormErrors } from '../people/FormErrors';
import { LanguageOptions } from '../people/LanguageOptions';
import '../people/people.css';
import { fullName, type PersonView } from '../people/person';
import { useAgencies } from '../app/agencies';
import { COLLECTION_METHODS, type ConsentPerson, type ConsentView } from './consent';
import './consent.css';
import { ReceiptLinks } from './ConsentList';
import {
  asksWhoHeardTheChild,
  emptyDraft,
  leavesASignedForm,
  toRequest,
  validate,
  type ConsentDraft,
  type ConsentField,
  type ConsentSubject,
  type FieldError,
} from './consentForm';
import { sha256Hex } from './formHash';

const fieldId = (field: string) => `consent-${field}`;

async function person(id: string): Promise<PersonView> {
  return (await answerOf(
    api.GET('/api/participants/{id}', { params: { path: { id } } }),
  )) as unknown as PersonView;
}

/** Records a consent for the participant in `?subject=`, then offers its receipt to print. */
export function RecordConsentPage() {
  const intl = useIntl();
  const subjectId = useSearchParams()[0].get('subject') ?? '';
  const me = useMe();
  const subject = useQuery({
    queryKey: ['participant', subjectId],
    enabled: subjectId !== '',
    queryFn: () => person(subjectId),
  });
  const [recorded, setRecorded] = useState<ConsentView>();

  if (!subjectId) {
    return (
      <>
        <Heading level={1} data-size="lg">
          <FormattedMessage id="consent.form.heading" />
        </Heading>
        <Paragraph>
          <FormattedMessage id="consent.form.noSubject" />
        </Paragraph>
        <Link asChild>
          <RouterLink to="/people">
            <FormattedMessage id="consent.form.toRegister" />
          </RouterLink>
        </Link>
      </>
    );
  }
  if (subject.isPending || me.isPending) {
    return <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />;
  }
  if (subject.error || me.error) {
    return <ProblemNotice error={subject.error ?? me.error} />;
  }
  const participant = subject.data;
  if (recorded) {
    return (
      <>
        <Heading level={1} data-size="lg">
          <FormattedMessage id="consent.recorded.heading" />
        </Heading>
        <Alert data-color="success" data-testid="consent-recorded">
          <Paragraph>
            <FormattedMessage
              id="consent.recorded.body"
              values={{ name: <bdi>{fullName(participant)}</bdi> }}
            />
          </Paragraph>
        </Alert>
        <Paragraph>
          <FormattedMessage id="consent.recorded.receipt" />
        </Paragraph>
        <div className="consent-actions">
          <ReceiptLinks consent={recorded} subject={participant} />
        </div>
        <Link asChild>
          <RouterLink to={`/people/${encodeURIComponent(participant.id)}`}>
            <FormattedMessage
              id="consent.recorded.back"
              values={{ name: <bdi>{fullName(participant)}</bdi> }}
            />
          </RouterLink>
        </Link>
      </>
    );
  }
  return (
    <ConsentForm
      participant={participant}
      ownAgency={me.data.agency?.orgNumber ?? ''}
      categories={(me.data.categories ?? []).map((category) => ({
        code: category.code ?? '',
        healthData: category.healthData ?? false,
      }))}
      purposes={me.data.vocabulary?.purposes ?? []}
      onRecorded={setRecorded}
    />
  );
}

function ConsentForm({
  participant,
  ownAgency,
  categories,
  purposes,
  onRecorded,
}: {
  participant: PersonView;
  ownAgency: string;
  categories: { code: string; healthData: boolean }[];
  purposes: string[];
  onRecorded: (consent: ConsentView) => void;
}) {
  const intl = useIntl();
  const queries = useQueryClient();
  const agencies = useAgencies();
  const subject: ConsentSubject = {
    id: participant.id,
    child: participant.child,
    preferredLanguage: participant.preferredLanguage,
    heardBeforeGuardianConsents: (participant as ConsentPerson).consentAge?.heardBeforeGuardianConsents,
  };
  const guardians = useQueries({
    queries: (participant.child ? participant.guardianIds : []).map((id) => ({
      queryKey: ['participant', id],
      queryFn: () => person(id),
    })),
  });
  const [draft, setDraft] = useState<ConsentDraft>(() => emptyDraft(subject, ownAgency));
  // Checked from the first try to record on, and again as each field changes, so that an error
  // goes away as soon as it is put right.
  const [attempt, setAttempt] = useState(0);
  const errors: FieldError[] = attempt > 0 ? validate(draft, subject) : [];
  const [hashing, setHashing] = useState(false);

  const record = useMutation({
    mutationFn: async () =>
      (await answerOf(
        api.POST('/api/consents', { body: toRequest(draft, subject) as never }),
      )) as unknown as ConsentView,
    onSuccess: async (consent) => {
      await queries.invalidateQueries({ queryKey: ['consents', participant.id] });
      onRecorded(consent);
    },
  });

  function set<K extends keyof ConsentDraft>(field: K, value: ConsentDraft[K]) {
    setDraft((current) => ({ ...current, [field]: value }));
  }

  function toggleCategory(code: string, checked: boolean) {
    setDraft((current) => ({
      ...current,
      categories: checked
        ? [...current.categories, code]
        : current.categories.filter((chosen) => chosen !== code),
    }));
  }

  async function chooseForm(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) {
      setDraft((current) => ({ ...current, formSha256: '', formName: '' }));
      return;
    }
    setHashing(true);
    try {
      const hash = await sha256Hex(file);
      setDraft((current) => ({ ...current, formSha256: hash, formName: file.name }));
    } finally {
      setHashing(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate(draft, subject);
    setAttempt((n) => n + 1);
    if (found.length === 0) {
      record.mutate();
    }
  }

  const error = (field: ConsentField) => {
    const message = errorFor(errors, field);
    return message ? intl.formatMessage({ id: message }) : undefined;
  };
  const signedForm = leavesASignedForm(draft.collectionMethod);

  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="consent.form.heading" />
      </Heading>
      <Paragraph data-testid="consent-subject">
        <FormattedMessage
          id={participant.child ? 'consent.form.aboutChild' : 'consent.form.about'}
          values={{
            name: <bdi>{fullName(participant)}</bdi>,
            nationalId: <span className="ltr">{participant.nationalId}</span>,
          }}
        />
      </Paragraph>
      <FormErrors errors={errors} fieldId={fieldId} attempt={attempt} />
      <form className="consent-form" onSubmit={submit} noValidate>
        {participant.child && (
          <Choice
            field="grantorId"
            label={intl.formatMessage({ id: 'consent.form.grantor' })}
            description={intl.formatMessage({ id: 'consent.form.grantor.description' })}
            value={draft.grantorId}
            onChange={(value) => set('grantorId', value)}
            error={error('grantorId')}
          >
            <option value="">{intl.formatMessage({ id: 'people.form.choose' })}</option>
            {guardians.flatMap((guardian) =>
              guardian.data
                ? [
                    <option key={guardian.data.id} value={guardian.data.id}>
                      {fullName(guardian.data)}
                    </option>,
                  ]
                : [],
            )}
          </Choice>
        )}
        {asksWhoHeardTheChild(subject) && (
          <Fieldset data-testid="child-heard">
            <Fieldset.Legend>
              <FormattedMessage id="consent.form.childHeard" />
            </Fieldset.Legend>
            <Fieldset.Description>
              <FormattedMessage id="consent.form.childHeard.description" />
            </Fieldset.Description>
            <Textfield
              id={fieldId('childHeardBy')}
              label={intl.formatMessage({ id: 'consent.form.childHeardBy' })}
              description={intl.formatMessage({ id: 'consent.form.childHeardBy.description' })}
              autoComplete="off"
              dir="auto"
              value={draft.childHeardBy}
              onChange={(event) => set('childHeardBy', event.target.value)}
              error={error('childHeardBy')}
            />
            <Textfield
              id={fieldId('childHeardOn')}
              type="date"
              label={intl.formatMessage({ id: 'consent.form.childHeardOn' })}
              value={draft.childHeardOn}
              onChange={(event) => set('childHeardOn', event.target.value)}
              error={error('childHeardOn')}
            />
            <Textfield
              multiline
              rows={3}
              id={fieldId('childViews')}
              label={intl.formatMessage({ id: 'consent.form.childViews' })}
              description={intl.formatMessage({ id: 'consent.form.childViews.description' })}
              dir="auto"
              maxLength={1000}
              value={draft.childViews}
              onChange={(event) => set('childViews', event.target.value)}
            />
          </Fieldset>
        )}
        <Fieldset>
          <Fieldset.Legend>
            <FormattedMessage id="consent.form.agencies" />
          </Fieldset.Legend>
          {agencies.error && <ProblemNotice error={agencies.error} />}
          <Choice
            field="disclosingAgency"
            label={intl.formatMessage({ id: 'consent.form.disclosingAgency' })}
            value={draft.disclosingAgency}
            onChange={(value) => set('disclosingAgency', value)}
            error={error('disclosingAgency')}
          >
            <option value="">{intl.formatMessage({ id: 'people.form.choose' })}</option>
            {(agencies.data ?? []).map((agency) => (
              <option key={agency.orgNumber} value={agency.orgNumber}>
                {agency.name}
              </option>
            ))}
          </Choice>
          <Choice
            field="receivingAgency"
            label={intl.formatMessage({ id: 'consent.form.receivingAgency' })}
            value={draft.receivingAgency}
            onChange={(value) => set('receivingAgency', value)}
            error={error('receivingAgency')}
          >
            <option value="">{intl.formatMessage({ id: 'people.form.choose' })}</option>
            {(agencies.data ?? []).map((agency) => (
              <option key={agency.orgNumber} value={agency.orgNumber}>
                {agency.name}
              </option>
            ))}
          </Choice>
          <Choice
            field="direction"
            label={intl.formatMessage({ id: 'consent.form.direction' })}
            value={draft.direction}
            onChange={(value) => set('direction', value === 'both-ways' ? 'both-ways' : 'one-way')}
          >
            <option value="one-way">{intl.formatMessage({ id: 'consent.form.direction.one-way' })}</option>
            <option value="both-ways">
              {intl.formatMessage({ id: 'consent.form.direction.both-ways' })}
            </option>
          </Choice>
        </Fieldset>
        <Fieldset id={fieldId('categories')} tabIndex={-1}>
          <Fieldset.Legend>
            <FormattedMessage id="consent.form.categories" />
          </Fieldset.Legend>
          <Fieldset.Description>
            <FormattedMessage id="consent.form.categories.description" />
          </Fieldset.Description>
          {categories.map((category) => (
            <Checkbox
              key={category.code}
              value={category.code}
              checked={draft.categories.includes(category.code)}
              onChange={(event) => toggleCategory(category.code, event.target.checked)}
              label={categoryChoice(intl, category)}
              aria-invalid={error('categories') ? true : undefined}
            />
          ))}
          {error('categories') && <ValidationMessage>{error('categories')}</ValidationMessage>}
        </Fieldset>
        <Choice
          field="purpose"
          label={intl.formatMessage({ id: 'consent.form.purpose' })}
          value={draft.purpose}
          onChange={(value) => set('purpose', value)}
          error={error('purpose')}
        >
          <option value="">{intl.formatMessage({ id: 'people.form.choose' })}</option>
          {purposes.map((purpose) => (
            <option key={purpose} value={purpose}>
              {labelWords(intl, 'purpose', purpose)}
            </option>
          ))}
        </Choice>
        <Fieldset>
          <Fieldset.Legend>
            <FormattedMessage id="consent.form.validity" />
          </Fieldset.Legend>
          <Fieldset.Description>
            <FormattedMessage id="consent.form.validity.description" />
          </Fieldset.Description>
          <Textfield
            id={fieldId('validFrom')}
            type="date"
            label={intl.formatMessage({ id: 'consent.form.validFrom' })}
            value={draft.validFrom}
            onChange={(event) => set('validFrom', event.target.value)}
            error={error('validFrom')}
          />
          <Textfield
            id={fieldId('validUntil')}
            type="date"
            label={intl.formatMessage({ id: 'consent.form.validUntil' })}
            value={draft.validUntil}
            onChange={(event) => set('validUntil', event.target.value)}
            error={error('validUntil')}
          />
        </Fieldset>
        <Fieldset>
          <Fieldset.Legend>
            <FormattedMessage id="consent.form.evidence" />
          </Fieldset.Legend>
          <Fieldset id={fieldId('collectionMethod')} tabIndex={-1}>
            <Fieldset.Legend>
              <FormattedMessage id="consent.form.collectionMethod" />
            </Fieldset.Legend>
            {COLLECTION_METHODS.map((method) => (
              <Radio
                key={method}
                name="collectionMethod"
                value={method}
                checked={draft.collectionMethod === method}
                onChange={() => set('collectionMethod', method)}
                label={labelWords(intl, 'collectionMethod', method)}
              />
            ))}
          </Fieldset>
          {signedForm && (
            <Field>
              <Label htmlFor={fieldId('formSha256')}>
                <FormattedMessage id="consent.form.signedForm" />
              </Label>
              <Field.Description>
                <FormattedMessage id="consent.form.signedForm.description" />
              </Field.Description>
              <Input
                id={fieldId('formSha256')}
                type="file"
                onChange={chooseForm}
                aria-invalid={error('formSha256') ? true : undefined}
              />
              {hashing && <Spinner aria-label={intl.formatMessage({ id: 'consent.form.hashing' })} />}
              {draft.formSha256 && (
                <Paragraph data-size="sm">
                  <FormattedMessage
                    id="consent.form.signedForm.hash"
                    values={{
                      name: <bdi>{draft.formName}</bdi>,
                      hash: (
                        <span className="ltr consent-hash" data-testid="form-hash">
                          {draft.formSha256}
                        </span>
                      ),
                    }}
                  />
                </Paragraph>
              )}
              {error('formSha256') && <ValidationMessage>{error('formSha256')}</ValidationMessage>}
            </Field>
          )}
          {draft.collectionMethod === 'verbal-with-witness' && (
            <Textfield
              id={fieldId('witness')}
              label={intl.formatMessage({ id: 'consent.form.witness' })}
              autoComplete="off"
              dir="auto"
              value={draft.witness}
              onChange={(event) => set('witness', event.target.value)}
              error={error('witness')}
            />
          )}
          <Choice
            field="textLanguage"
            label={intl.formatMessage({ id: 'consent.form.textLanguage' })}
            value={draft.textLanguage}
            onChange={(value) => set('textLanguage', value)}
            error={error('textLanguage')}
          >
            <option value="">{intl.formatMessage({ id: 'people.form.choose' })}</option>
            <LanguageOptions />
          </Choice>
          <Textfield
            id={fieldId('interpreterIdentity')}
            label={intl.formatMessage({ id: 'consent.form.interpreter' })}
            description={intl.formatMessage({ id: 'consent.form.interpreter.description' })}
            autoComplete="off"
            dir="auto"
            value={draft.interpreterIdentity}
            onChange={(event) => set('interpreterIdentity', event.target.value)}
            error={error('interpreterIdentity')}
          />
          <Choice
            field="interpreterLanguage"
            label={intl.formatMessage({ id: 'consent.form.interpreterLanguage' })}
            value={draft.interpreterLanguage}
            onChange={(value) => set('interpreterLanguage', value)}
            error={error('interpreterLanguage')}
          >
            <option value="">{intl.formatMessage({ id: 'consent.form.noInterpreter' })}</option>
            <LanguageOptions />
          </Choice>
        </Fieldset>
        {record.error && <ProblemNotice error={record.error} />}
        <div className="consent-actions">
          <Button type="submit" disabled={record.isPending || hashing}>
            <FormattedMessage id="consent.form.submit" />
          </Button>
          <Button asChild variant="tertiary">
            <RouterLink to={`/people/${encodeURIComponent(participant.id)}`}>
              <FormattedMessage id="people.form.cancel" />
            </RouterLink>
          </Button>
        </div>
      </form>
    </>
  );
}

/** A labelled select with its error tied to it. */
function Choice({
  field,
  label,
  description,
  value,
  onChange,
  error,
  children,
}: {
  field: string;
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  children: ReactNode;
}) {
  return (
    <Field>
      <Label htmlFor={fieldId(field)}>{label}</Label>
      {description && <Field.Description>{description}</Field.Description>}
      <Select
        id={fieldId(field)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
      >
        {children}
      </Select>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Field>
  );
}
