import { Heading, Link, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router';
import { answerOf, api, type Schemas } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { useAgencyNames } from '../audit/names';
import { isSettled } from './plan';
import { PlanEditor } from './PlanEditor';
import { PlanStatus } from './status';

/** One participant's plans: those shared so far with their delivery, and the editor for a new one. */
export function ParticipantPlans({ subjectId }: { subjectId: string }) {
  const intl = useIntl();
  const agencies = useAgencyNames();
  const person = useQuery({
    queryKey: ['participant', subjectId],
    queryFn: () =>
      answerOf(api.GET('/api/participants/{id}', { params: { path: { id: subjectId } } })),
  });
  const conversations = useQuery({
    queryKey: ['conversations', subjectId],
    queryFn: async () =>
      (await answerOf(
        api.GET('/api/conversations', { params: { query: { subject: subjectId } } }),
      )) as unknown as Schemas['ConversationView'][],
    enabled: person.isSuccess,
    refetchInterval: (query) =>
      query.state.data?.some((c) => c.kind === 'plan' && !isSettled(c.status)) ? 2000 : false,
  });
  const plans = (conversations.data ?? []).filter((conversation) => conversation.kind === 'plan');
  const name = person.data ? `${person.data.givenName ?? ''} ${person.data.familyName ?? ''}` : '';

  return (
    <>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/plans">
            <FormattedMessage id="plans.back" />
          </RouterLink>
        </Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {person.data ? (
          <FormattedMessage id="plans.participant.heading" values={{ name: <bdi>{name}</bdi> }} />
        ) : (
          <FormattedMessage id="plans.heading" />
        )}
      </Heading>
      {person.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {person.error && <ProblemNotice error={person.error} />}
      {person.data && (
        <>
          <section aria-labelledby="plans-so-far-heading" className="plans-section">
            <Heading level={2} data-size="md" id="plans-so-far-heading">
              <FormattedMessage id="plans.participant.shared" />
            </Heading>
            {conversations.error && <ProblemNotice error={conversations.error} />}
            {conversations.data && plans.length === 0 && (
              <Paragraph>
                <FormattedMessage id="plans.participant.none" />
              </Paragraph>
            )}
            {plans.length > 0 && (
              <Table data-testid="participant-plans">
                <caption>
                  <FormattedMessage id="plans.participant.caption" values={{ name: <bdi>{name}</bdi> }} />
                </caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>
                      <FormattedMessage id="plans.column.shared" />
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
                  {plans.map((plan) => {
                    const message = plan.messages?.[0];
                    return (
                      <Table.Row key={plan.conversationId}>
                        <Table.Cell>
                          <span className="ltr">
                            {typeof plan.startedAt === 'string'
                              ? formatDateTime(plan.startedAt, intl.locale)
                              : ''}
                          </span>
                        </Table.Cell>
                        <Table.Cell>
                          <bdi>{agencies.nameOf(plan.counterpart)}</bdi>
                        </Table.Cell>
                        <Table.Cell>
                          <PlanStatus status={message?.status ?? plan.status} />
                          {message?.statusReason && (
                            <Paragraph data-size="sm" lang="en">
                              {message.statusReason}
                            </Paragraph>
                          )}
                        </Table.Cell>
                        <Table.Cell data-testid="plan-acknowledgement">
                          {message?.recipientReference ? (
                            <FormattedMessage
                              id="plans.acknowledged"
                              values={{
                                reference: <span className="ltr">{message.recipientReference}</span>,
                              }}
                            />
                          ) : message?.receipt ? (
                            <span lang="en">{message.receipt}</span>
                          ) : (
                            <FormattedMessage id="plans.notAcknowledged" />
                          )}
                        </Table.Cell>
                      </Table.Row>
                    );
                  })}
                </Table.Body>
              </Table>
            )}
          </section>
          <PlanEditor
            subjectId={subjectId}
            onShared={() => void conversations.refetch()}
            navAgencies={agencies.list.filter((agency) => agency.kind === 'nav')}
          />
        </>
      )}
    </>
  );
}
