import {
  Alert,
  Button,
  ErrorSummary,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Select,
  Textfield,
} from '@digdir/designsystemet-react';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { answerOf, api, type Schemas } from '../app/api/client';
import { KNOWN_PROBLEMS, ProblemNotice } from '../app/ProblemNotice';
import { DelayNotice } from '../exchange/DelayNotice';
import {
  emptyMeasure,
  emptyPhase,
  emptyPlan,
  fieldIds,
  MAX_MEASURES,
  MAX_PHASES,
  planPayload,
  planProblems,
  type PlanDraft,
  type PlanProblem,
} from './plan';
import { PlanStatus } from './status';

interface Props {
  subjectId: string;
  navAgencies: Schemas['AgencyView'][];
  onShared: () => void;
}

/**
 * The plan editor: start, phases and their measures. Sharing first asks the hub whether a consent
 * covers sending the participant's plan to NAV (GET /api/coverage/plans) and says so; only then is
 * the plan sent (POST /api/plans), and its delivery follows in the list above.
 */
export function PlanEditor({ subjectId, navAgencies, onShared }: Props) {
  const intl = useIntl();
  const [draft, setDraft] = useState<PlanDraft>(emptyPlan);
  const [recipient, setRecipient] = useState('');
  const [problems, setProblems] = useState<PlanProblem[]>([]);
  const [coverage, setCoverage] = useState<Schemas['CoverageView']>();
  const [failure, setFailure] = useState<unknown>();
  const [shared, setShared] = useState<Schemas['MessageView']>();
  const [busy, setBusy] = useState(false);
  // Once the caseworker tried to share, the summary follows her corrections as she makes them.
  const [triedToShare, setTriedToShare] = useState(false);
  useEffect(() => {
    if (triedToShare) {
      setProblems(planProblems(draft));
    }
  }, [draft, triedToShare]);
  const to = recipient || navAgencies[0]?.orgNumber || '';

  const errorOf = (field: string) => {
    const problem = problems.find((p) => p.field === field);
    return problem ? intl.formatMessage({ id: problem.message }, problem.values) : undefined;
  };
  const update = (change: (plan: PlanDraft) => void) =>
    setDraft((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });

  async function share(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setShared(undefined);
    const found = planProblems(draft);
    setProblems(found);
    setTriedToShare(found.length > 0);
    if (found.length > 0) {
      setCoverage(undefined);
      return;
    }
    setBusy(true);
    try {
      const covered = await answerOf(
        api.GET('/api/coverage/plans', { params: { query: { subject: subjectId, recipient: to } } }),
      );
      setCoverage(covered);
      if (!covered.covered) {
        return;
      }
      const message = (await answerOf(
        api.POST('/api/plans', { body: planPayload(draft, subjectId, to) }),
      )) as Schemas['MessageView'];
      setShared(message);
      setDraft(emptyPlan());
      onShared();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="plans-editor-heading" className="plans-section">
      <Heading level={2} data-size="md" id="plans-editor-heading">
        <FormattedMessage id="plans.editor.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="plans.editor.intro" />
      </Paragraph>
      {problems.length > 0 && (
        <ErrorSummary data-testid="plan-errors">
          <ErrorSummary.Heading>
            <FormattedMessage id="plans.error.heading" />
          </ErrorSummary.Heading>
          <ErrorSummary.List>
            {problems.map((problem) => (
              <ErrorSummary.Item key={problem.field}>
                <ErrorSummary.Link href={`#${problem.field}`}>
                  {intl.formatMessage({ id: problem.message }, problem.values)}
                </ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}
      <form className="plans-form" onSubmit={share} noValidate>
        <div className="plans-dates">
          <Field>
            <Label htmlFor="plan-recipient">
              <FormattedMessage id="plans.editor.recipient" />
            </Label>
            <Select id="plan-recipient" value={to} onChange={(e) => setRecipient(e.target.value)}>
              {navAgencies.map((agency) => (
                <option key={agency.orgNumber} value={agency.orgNumber}>
                  {agency.name}
                </option>
              ))}
            </Select>
          </Field>
          <Textfield
            id={fieldIds.startDate}
            type="date"
            label={intl.formatMessage({ id: 'plans.editor.startDate' })}
            value={draft.startDate}
            error={errorOf(fieldIds.startDate)}
            onChange={(e) => update((plan) => void (plan.startDate = e.target.value))}
          />
        </div>
        {draft.phases.map((phase, p) => (
          <Fieldset key={phase.key} className="plans-phase">
            <Fieldset.Legend>
              <FormattedMessage id="plans.editor.phase" values={{ phase: p + 1 }} />
            </Fieldset.Legend>
            <Textfield
              id={fieldIds.title(p)}
              label={intl.formatMessage({ id: 'plans.editor.phaseTitle' })}
              value={phase.title}
              maxLength={500}
              error={errorOf(fieldIds.title(p))}
              onChange={(e) => update((plan) => void (plan.phases[p]!.title = e.target.value))}
            />
            <div className="plans-dates">
              <Textfield
                id={fieldIds.from(p)}
                type="date"
                label={intl.formatMessage({ id: 'plans.editor.from' })}
                value={phase.from}
                error={errorOf(fieldIds.from(p))}
                onChange={(e) => update((plan) => void (plan.phases[p]!.from = e.target.value))}
              />
              <Textfield
                id={fieldIds.to(p)}
                type="date"
                label={intl.formatMessage({ id: 'plans.editor.to' })}
                value={phase.to}
                error={errorOf(fieldIds.to(p))}
                onChange={(e) => update((plan) => void (plan.phases[p]!.to = e.target.value))}
              />
            </div>
            {phase.measures.map((measure, m) => (
              <div key={measure.key} className="plans-measure">
                <Textfield
                  id={fieldIds.description(p, m)}
                  label={intl.formatMessage(
                    { id: 'plans.editor.measure' },
                    { phase: p + 1, measure: m + 1 },
                  )}
                  value={measure.description}
                  maxLength={500}
                  error={errorOf(fieldIds.description(p, m))}
                  onChange={(e) =>
                    update((plan) => void (plan.phases[p]!.measures[m]!.description = e.target.value))
                  }
                />
                <Textfield
                  id={`${fieldIds.description(p, m)}-schedule`}
                  label={intl.formatMessage(
                    { id: 'plans.editor.schedule' },
                    { phase: p + 1, measure: m + 1 },
                  )}
                  value={measure.schedule}
                  maxLength={500}
                  onChange={(e) =>
                    update((plan) => void (plan.phases[p]!.measures[m]!.schedule = e.target.value))
                  }
                />
                <Button
                  variant="tertiary"
                  disabled={phase.measures.length === 1}
                  onClick={() => update((plan) => void plan.phases[p]!.measures.splice(m, 1))}
                >
                  <FormattedMessage
                    id="plans.editor.removeMeasure"
                    values={{ phase: p + 1, measure: m + 1 }}
                  />
                </Button>
              </div>
            ))}
            <div className="plans-actions">
              <Button
                variant="secondary"
                disabled={phase.measures.length >= MAX_MEASURES}
                onClick={() => update((plan) => void plan.phases[p]!.measures.push(emptyMeasure()))}
              >
                <FormattedMessage id="plans.editor.addMeasure" values={{ phase: p + 1 }} />
              </Button>
              <Button
                variant="tertiary"
                disabled={draft.phases.length === 1}
                onClick={() => update((plan) => void plan.phases.splice(p, 1))}
              >
                <FormattedMessage id="plans.editor.removePhase" values={{ phase: p + 1 }} />
              </Button>
            </div>
          </Fieldset>
        ))}
        <div className="plans-actions">
          <Button
            variant="secondary"
            disabled={draft.phases.length >= MAX_PHASES}
            onClick={() => update((plan) => void plan.phases.push(emptyPhase()))}
          >
            <FormattedMessage id="plans.editor.addPhase" />
          </Button>
          <Button type="submit" disabled={busy || to === ''}>
            <FormattedMessage id="plans.editor.share" />
          </Button>
        </div>
      </form>
      <div aria-live="polite" data-testid="plan-outcome">
        {coverage && <CoverageNotice coverage={coverage} />}
        {failure !== undefined && <ProblemNotice error={failure} />}
        {shared && (
          <Alert data-color="success">
            <Paragraph>
              <FormattedMessage id="plans.editor.shared" />{' '}
              <PlanStatus status={shared.status} />
            </Paragraph>
          </Alert>
        )}
        {shared && (
          <DelayNotice
            message={shared}
            recipientName={
              navAgencies.find((agency) => agency.orgNumber === shared.recipient)?.name ??
              shared.recipient ??
              ''
            }
          />
        )}
      </div>
    </section>
  );
}

/** What the hub said about consent before sharing: which consent covers it, or why none does. */
function CoverageNotice({ coverage }: { coverage: Schemas['CoverageView'] }) {
  if (coverage.covered) {
    return (
      <Alert data-color="info" data-testid="plan-coverage">
        <FormattedMessage
          id="plans.coverage.covered"
          values={{ consent: <span className="ltr">{coverage.consentId}</span> }}
        />
      </Alert>
    );
  }
  const refusal = (KNOWN_PROBLEMS as readonly string[]).includes(coverage.refusal ?? '')
    ? coverage.refusal
    : 'no-consent';
  const record = coverage.consentToRecord;
  return (
    <Alert data-color="warning" data-testid="plan-coverage">
      <Heading level={3} data-size="xs">
        <FormattedMessage id="plans.coverage.notCovered" />
      </Heading>
      <Paragraph>
        <FormattedMessage id={`problem.${refusal}.what`} />
      </Paragraph>
      <Paragraph>
        <FormattedMessage id={`problem.${refusal}.next`} />
      </Paragraph>
      {record && (
        <Paragraph>
          <FormattedMessage
            id="plans.coverage.toRecord"
            values={{
              categories: <span className="ltr">{(record.categories ?? []).join(', ')}</span>,
              purpose: <span className="ltr">{record.purpose}</span>,
            }}
          />
        </Paragraph>
      )}
      {coverage.explanation && (
        <Paragraph data-size="sm" lang="en">
          {coverage.explanation}
        </Paragraph>
      )}
    </Alert>
  );
}
