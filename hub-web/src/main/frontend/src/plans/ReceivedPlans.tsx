import { Button, Heading, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { answerOf, api } from '../app/api/client';
import { formatDate, formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { useAgencyNames } from '../audit/names';
import { readPlan } from './plan';
import { PlanStatus } from './status';

/** NAV's adviser: the participants' plans NAV received, each with its status, to open and read. */
export function ReceivedPlans() {
  const intl = useIntl();
  const agencies = useAgencyNames();
  const [open, setOpen] = useState<string>();
  const inbox = useQuery({
    queryKey: ['inbox', 'plan'],
    queryFn: () => answerOf(api.GET('/api/inbox', { params: { query: { kind: 'plan' } } })),
  });
  const plans = inbox.data ?? [];
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="plans.received.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="plans.received.intro" />
      </Paragraph>
      {inbox.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {inbox.error && <ProblemNotice error={inbox.error} />}
      {inbox.data && plans.length === 0 && (
        <Paragraph>
          <FormattedMessage id="plans.received.none" />
        </Paragraph>
      )}
      {plans.length > 0 && (
        <Table data-testid="plans-received">
          <caption>
            <FormattedMessage id="plans.received.caption" />
          </caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>
                <FormattedMessage id="plans.column.received" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="plans.column.from" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="plans.column.participant" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="plans.column.status" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="plans.column.plan" />
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {plans.map((plan) => (
              <Fragment key={plan.id}>
                <Table.Row>
                  <Table.Cell>
                    <span className="ltr">
                      {typeof plan.createdAt === 'string'
                        ? formatDateTime(plan.createdAt, intl.locale)
                        : ''}
                    </span>
                  </Table.Cell>
                  <Table.Cell>
                    <bdi>{agencies.nameOf(plan.sender)}</bdi>
                  </Table.Cell>
                  <Table.Cell>
                    <span className="ltr">{plan.subjectId}</span>
                  </Table.Cell>
                  <Table.Cell>
                    <PlanStatus status={plan.status} />
                  </Table.Cell>
                  <Table.Cell>
                    <Button
                      variant="secondary"
                      aria-expanded={open === plan.id}
                      onClick={() => setOpen(open === plan.id ? undefined : plan.id)}
                    >
                      <FormattedMessage id={open === plan.id ? 'plans.received.close' : 'plans.received.open'} />
                    </Button>
                  </Table.Cell>
                </Table.Row>
                {open === plan.id && plan.id && (
                  <Table.Row>
                    <Table.Cell colSpan={5}>
                      <OpenedPlan id={plan.id} />
                    </Table.Cell>
                  </Table.Row>
                )}
              </Fragment>
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}

/** One plan, opened: opening it is audited, and the hub decides again whether it may be read. */
function OpenedPlan({ id }: { id: string }) {
  const intl = useIntl();
  const queries = useQueryClient();
  const message = useQuery({
    queryKey: ['message', id],
    queryFn: async () => {
      const opened = await answerOf(api.GET('/api/messages/{id}', { params: { path: { id } } }));
      if (opened.status !== 'read') {
        await answerOf(api.POST('/api/messages/{id}/read', { params: { path: { id } } }));
        void queries.invalidateQueries({ queryKey: ['inbox', 'plan'] });
      }
      return opened;
    },
  });
  if (message.isPending) {
    return <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />;
  }
  if (message.error) {
    return <ProblemNotice error={message.error} />;
  }
  const plan = readPlan(message.data.body);
  if (!plan) {
    return (
      <Paragraph>
        <FormattedMessage id="plans.received.unreadable" />
      </Paragraph>
    );
  }
  const day = (value: string) => <span className="ltr">{formatDate(`${value}T12:00:00Z`, intl.locale)}</span>;
  return (
    <div className="plans-section" data-testid="plan-opened">
      <Paragraph>
        <FormattedMessage id="plans.received.starts" values={{ date: day(plan.startDate) }} />
      </Paragraph>
      {plan.phases.map((phase, p) => (
        <div key={p} className="plans-phase">
          <Heading level={3} data-size="xs">
            <bdi>{phase.title}</bdi>
          </Heading>
          <Paragraph>
            <FormattedMessage id="plans.received.period" values={{ from: day(phase.from), to: day(phase.to) }} />
          </Paragraph>
          <ul>
            {phase.measures.map((measure, m) => (
              <li key={m}>
                <bdi>{measure.description}</bdi>
                {measure.schedule && (
                  <>
                    {' – '}
                    <bdi>{measure.schedule}</bdi>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
