import { categoryChoice, labelWords } from '../app/vocabulary';
import {
  Button,
  ErrorSummary,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate, useSearchParams } from 'react-router';
import { answerOf, api, type Schemas } from '../app/api/client';
import { EXCHANGE_KEY } from '../app/LiveCounts';
import { ProblemNotice } from '../app/ProblemNotice';
import { useMe } from '../app/session';
import { CoverageNotice } from './CoverageNotice';
import { FindByNationalId } from './FindByNationalId';
import { PersonName } from './PersonName';
import { useAgencies } from '../app/agencies';
import { coverageOf } from './queries';
import {
  EMPTY_DRAFT,
  type FieldProblem,
  flowOf,
  MAX_QUESTION_LENGTH,
  payloadOf,
  problemsOf,
  type QuestionDraft,
  type QuestionField,
} from './questionForm';

const FIELD_IDS: Record<QuestionField, string> = {
  recipient: 'ask-recipient',
  subjectId: 'ask-subject',
  category: 'ask-category',
  purpose: 'ask-purpose',
  question: 'ask-question',
};

/**
 * Asking another agency a question about a person: to whom, about whom, which category, why, and
 * the question. Once the draft names the whole flow, the hub says whether a consent covers it; the
 * categories offered are those the hub lets this agency ask about.
 */
export function AskPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [params] = useSearchParams();
  const prefilled = params.get('subject') ?? undefined;
  const me = useMe().data;
  const agencies = useAgencies();
  const [draft, setDraft] = useState<QuestionDraft>({
    ...EMPTY_DRAFT,
    recipient: params.get('recipient') ?? '',
    subjectId: params.get('subject') ?? '',
  });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [found, setFound] = useState<Schemas['PersonView']>();

  const flow = flowOf(draft);
  const coverage = useQuery({
    queryKey: ['coverage', flow],
    enabled: flow !== undefined,
    queryFn: () => coverageOf(flow!),
  });

  const send = useMutation({
    mutationFn: (body: ReturnType<typeof payloadOf>) =>
      // The hub's document shares this operation's id with the coverage check, which muddles the
      // generated body type; the body is the document's QuestionRequest.
      answerOf(api.POST('/api/requests', { body: body as never })),
    onSuccess: (sent) => {
      void queries.invalidateQueries({ queryKey: EXCHANGE_KEY });
      const message = sent as { conversationId?: string };
      navigate(`/exchange/conversations/${message.conversationId}?sent=1`);
    },
  });

  const set = (field: QuestionField) => (value: string) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    setProblems((previous) => previous.filter((problem) => problem.field !== field));
  };
  const errorOf = (field: QuestionField) => {
    const problem = problems.find((p) => p.field === field);
    return problem ? intl.formatMessage({ id: problem.message }) : undefined;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(draft);
    setProblems(found);
    if (found.length === 0) {
      send.mutate(payloadOf(draft));
    }
  };

  const recipients = (agencies.data ?? []).filter(
    (agency) => agency.orgNumber !== me?.agency.orgNumber,
  );

  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="exchange.ask.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="exchange.ask.intro" />
      </Paragraph>
      {problems.length > 0 && (
        <ErrorSummary data-testid="error-summary">
          <ErrorSummary.Heading>
            <FormattedMessage id="exchange.form.errorsHeading" />
          </ErrorSummary.Heading>
          <ErrorSummary.List>
            {problems.map((problem) => (
              <ErrorSummary.Item key={problem.field}>
                <ErrorSummary.Link href={`#${FIELD_IDS[problem.field]}`}>
                  <FormattedMessage id={problem.message} />
                </ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}
      {agencies.error && <ProblemNotice error={agencies.error} />}
      <form className="exchange-form" onSubmit={submit} noValidate>
        <Field>
          <Label htmlFor={FIELD_IDS.recipient}>
            <FormattedMessage id="exchange.ask.recipient" />
          </Label>
          <Select
            id={FIELD_IDS.recipient}
            value={draft.recipient}
            onChange={(event) => set('recipient')(event.target.value)}
            aria-invalid={errorOf('recipient') ? true : undefined}
          >
            <option value="">{intl.formatMessage({ id: 'exchange.form.choose' })}</option>
            {recipients.map((agency) => (
              <option key={agency.orgNumber} value={agency.orgNumber}>
                {agency.name}
              </option>
            ))}
          </Select>
          {errorOf('recipient') && <ValidationMessage>{errorOf('recipient')}</ValidationMessage>}
        </Field>
        {me?.role === 'caseworker' && (
          <FindByNationalId
            onFound={(person) => {
              set('subjectId')(person.id ?? '');
              setFound(person);
            }}
          />
        )}
        <Textfield
          id={FIELD_IDS.subjectId}
          label={intl.formatMessage({ id: 'exchange.ask.subject' })}
          description={intl.formatMessage({ id: 'exchange.ask.subjectHelp' })}
          value={draft.subjectId}
          onChange={(event) => set('subjectId')(event.target.value)}
          error={errorOf('subjectId')}
          autoComplete="off"
          spellCheck={false}
        />
        {found && draft.subjectId.trim() === found.id && (
          <Paragraph data-size="sm" data-testid="person">
            <bdi>
              {found.givenName} {found.familyName}
            </bdi>{' '}
            (<span className="ltr">{found.nationalId}</span>)
          </Paragraph>
        )}
        {!found && prefilled && draft.subjectId.trim() === prefilled && (
          <Paragraph data-size="sm">
            <PersonName id={prefilled} />
          </Paragraph>
        )}
        <Field>
          <Label htmlFor={FIELD_IDS.category}>
            <FormattedMessage id="exchange.ask.category" />
          </Label>
          <Select
            id={FIELD_IDS.category}
            value={draft.category}
            onChange={(event) => set('category')(event.target.value)}
            aria-invalid={errorOf('category') ? true : undefined}
          >
            <option value="">{intl.formatMessage({ id: 'exchange.form.choose' })}</option>
            {(me?.categories ?? []).map((category) => (
              <option key={category.code} value={category.code}>
                {categoryChoice(intl, category)}
              </option>
            ))}
          </Select>
          {errorOf('category') && <ValidationMessage>{errorOf('category')}</ValidationMessage>}
        </Field>
        <Field>
          <Label htmlFor={FIELD_IDS.purpose}>
            <FormattedMessage id="exchange.ask.purpose" />
          </Label>
          <Select
            id={FIELD_IDS.purpose}
            value={draft.purpose}
            onChange={(event) => set('purpose')(event.target.value)}
            aria-invalid={errorOf('purpose') ? true : undefined}
          >
            <option value="">{intl.formatMessage({ id: 'exchange.form.choose' })}</option>
            {(me?.vocabulary.purposes ?? []).map((purpose) => (
              <option key={purpose} value={purpose}>
                {labelWords(intl, 'purpose', purpose)}
              </option>
            ))}
          </Select>
          {errorOf('purpose') && <ValidationMessage>{errorOf('purpose')}</ValidationMessage>}
        </Field>
        <section aria-live="polite" aria-labelledby="coverage-heading" className="exchange-coverage">
          <Heading level={2} data-size="xs" id="coverage-heading">
            <FormattedMessage id="exchange.coverage.heading" />
          </Heading>
          {flow === undefined ? (
            <Paragraph data-size="sm">
              <FormattedMessage id="exchange.coverage.incomplete" />
            </Paragraph>
          ) : (
            <CoverageNotice
              coverage={coverage.data}
              pending={coverage.isPending}
              error={coverage.error}
            />
          )}
        </section>
        <Textfield
          id={FIELD_IDS.question}
          multiline
          rows={5}
          label={intl.formatMessage({ id: 'exchange.ask.question' })}
          value={draft.question}
          onChange={(event) => set('question')(event.target.value)}
          error={errorOf('question')}
          maxLength={MAX_QUESTION_LENGTH}
        />
        {send.error && <ProblemNotice error={send.error} />}
        <Button type="submit" disabled={send.isPending}>
          <FormattedMessage id="exchange.ask.send" />
        </Button>
      </form>
    </>
  );
}
