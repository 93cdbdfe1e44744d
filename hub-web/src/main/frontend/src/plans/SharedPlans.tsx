import { Heading, Link, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { useAgencyNames } from '../audit/names';
import { DelayNotice } from '../exchange/DelayNotice';
import { isSettled } from './plan';
import { PlanStatus } from './status';

/** The plans the caseworker's agency has shared, newest first, each with its delivery. */
export function SharedPlans() {
  const intl = useIntl();
  const agencies = useAgencyNames();
  const sent = useQuery({
    queryKey: ['sent', 'plan'],
    queryFn: () => answerOf(api.GET('/api/sent', { params: { query: { kind: 'plan' } } })),
    refetchInterval: (query) =>
      query.state.data?.some((plan) => !isSettled(plan.status)) ? 2000 : false,
  });
  return (
    <section aria-labelledby="plans-shared-heading" className="plans-section">
      <Heading level={2} data-size="md" id="plans-shared-heading">
        <FormattedMessage id="plans.shared.heading" />
      </Heading>
      {sent.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {sent.error && <ProblemNotice error={sent.error} />}
      {sent.data && sent.data.length === 0 && (
        <Paragraph>
          <FormattedMessage id="plans.shared.none" />
        </Paragraph>
      )}
      {sent.data && sent.data.length > 0 && (
        <Table data-testid="plans-shared">
          <caption>
            <FormattedMessage id="plans.shared.caption" />
          </caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>
                <FormattedMessage id="plans.column.shared" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="plans.column.participant" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="plans.column.to" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="plans.column.status" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="plans.column.acknowledgement" />
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {sent.data.map((plan) => (
              <Table.Row key={plan.id}>
                <Table.Cell>
                  <span className="ltr">
                    {typeof plan.createdAt === 'string'
                      ? formatDateTime(plan.createdAt, intl.locale)
                      : ''}
                  </span>
                </Table.Cell>
                <Table.Cell>
                  <Link asChild>
                    <RouterLink to={`/plans?subject=${encodeURIComponent(plan.subjectId ?? '')}`}>
                      <span className="ltr">{plan.subjectId}</span>
                    </RouterLink>
                  </Link>
                </Table.Cell>
                <Table.Cell>
                  <bdi>{agencies.nameOf(plan.recipient)}</bdi>
                </Table.Cell>
                <Table.Cell>
                  <PlanStatus status={plan.status} />
                  <DelayNotice message={plan} recipientName={agencies.nameOf(plan.recipient)} />
                </Table.Cell>
                <Table.Cell>
                  <span lang="en">{plan.receipt}</span>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}
