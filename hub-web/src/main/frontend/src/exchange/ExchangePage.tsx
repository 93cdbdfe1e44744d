import { codeWords } from '../app/vocabulary';
import { Button, Heading, Link, Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { NavLink, useSearchParams } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { COUNTS_KEY, EXCHANGE_KEY } from '../app/LiveCounts';
import { ProblemNotice } from '../app/ProblemNotice';
import { useMe } from '../app/session';
import { AboutWhat } from './AboutWhat';
import { agencyName, useAgencies } from '../app/agencies';
import { ASKING_ROLES, keys, timeOf } from './queries';
import { isUnread } from './status';
import { StatusTag } from './StatusTag';
import { SubjectConversations } from './SubjectConversations';

/**
 * The agency's messages: the inbox, the sent list with what needs a look, and, with
 * `?subject=<person id>`, one person's conversations.
 */
export function ExchangePage() {
  const [params] = useSearchParams();
  const subject = params.get('subject');
  if (subject) {
    return <SubjectConversations subject={subject} />;
  }
  return <Boxes sent={params.get('box') === 'sent'} />;
}

function Boxes({ sent }: { sent: boolean }) {
  const intl = useIntl();
  const me = useMe().data;
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="exchange.heading" />
      </Heading>
      <nav
        className="exchange-boxes"
        aria-label={intl.formatMessage({ id: 'exchange.boxes.label' })}
      >
        <Link asChild>
          <NavLink to="/exchange" end aria-current={sent ? undefined : 'page'}>
            <FormattedMessage id="exchange.inbox.heading" />
          </NavLink>
        </Link>
        <Link asChild>
          <NavLink to="/exchange?box=sent" aria-current={sent ? 'page' : undefined}>
            <FormattedMessage id="exchange.sent.heading" />
          </NavLink>
        </Link>
        {me && ASKING_ROLES.includes(me.role) && (
          <Button asChild variant="primary" data-size="sm">
            <NavLink to="/exchange/ask">
              <FormattedMessage id="exchange.ask.button" />
            </NavLink>
          </Button>
        )}
      </nav>
      {sent ? <SentBox /> : <Inbox />}
    </>
  );
}

function Inbox() {
  const intl = useIntl();
  const agencies = useAgencies().data;
  const inbox = useQuery({
    queryKey: keys.inbox,
    queryFn: () => answerOf(api.GET('/api/inbox')),
  });
  return (
    <section aria-labelledby="inbox-heading">
      <Heading level={2} data-size="md" id="inbox-heading">
        <FormattedMessage id="exchange.inbox.heading" />
      </Heading>
      {inbox.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {inbox.error && <ProblemNotice error={inbox.error} />}
      {inbox.data && inbox.data.length === 0 && (
        <Paragraph>
          <FormattedMessage id="exchange.inbox.empty" />
        </Paragraph>
      )}
      {inbox.data && inbox.data.length > 0 && (
        <Table data-testid="inbox" zebra>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>
                <FormattedMessage id="exchange.column.message" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="exchange.column.from" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="exchange.column.about" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="exchange.column.received" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="exchange.column.status" />
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {inbox.data.map((message) => {
              const unread = isUnread(message);
              const when = timeOf(message.deliveredAt) ?? timeOf(message.createdAt);
              return (
                <Table.Row
                  key={message.id}
                  data-testid="inbox-row"
                  data-message={message.id}
                  data-unread={unread}
                  className={unread ? 'exchange-unread' : undefined}
                >
                  <Table.Cell>
                    <Link asChild>
                      <NavLink to={`/exchange/messages/${message.id}`}>
                        {codeWords(intl, 'kind', message.kind)}
                      </NavLink>
                    </Link>{' '}
                    {unread && (
                      <Tag data-color="info" data-size="sm">
                        <FormattedMessage id="exchange.inbox.unread" />
                      </Tag>
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    <bdi>{agencyName(agencies, message.sender)}</bdi>
                  </Table.Cell>
                  <Table.Cell>
                    <AboutWhat message={message} />
                  </Table.Cell>
                  <Table.Cell>
                    {when && <span className="ltr">{formatDateTime(when, intl.locale)}</span>}
                  </Table.Cell>
                  <Table.Cell>
                    <StatusTag status={message.status} />
                  </Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}

function SentBox() {
  const intl = useIntl();
  const agencies = useAgencies().data;
  const queries = useQueryClient();
  const sent = useQuery({ queryKey: keys.sent, queryFn: () => answerOf(api.GET('/api/sent')) });
  const attention = useQuery({
    queryKey: keys.attention,
    queryFn: () => answerOf(api.GET('/api/sent', { params: { query: { attention: 'true' } } })),
  });
  const seen = useMutation({
    mutationFn: (id: string) =>
      answerOf(api.POST('/api/messages/{id}/seen', { params: { path: { id } } })),
    onSettled: () => {
      void queries.invalidateQueries({ queryKey: COUNTS_KEY });
      void queries.invalidateQueries({ queryKey: EXCHANGE_KEY });
    },
  });
  return (
    <>
      <section aria-labelledby="attention-heading">
        <Heading level={2} data-size="md" id="attention-heading">
          <FormattedMessage id="exchange.attention.heading" />
        </Heading>
        {attention.error && <ProblemNotice error={attention.error} />}
        {seen.error && <ProblemNotice error={seen.error} />}
        {attention.data && attention.data.length === 0 && (
          <Paragraph>
            <FormattedMessage id="exchange.attention.none" />
          </Paragraph>
        )}
        {attention.data && attention.data.length > 0 && (
          <ul className="exchange-attention" data-testid="attention">
            {attention.data.map((message) => (
              <li key={message.id} data-testid="attention-item" data-message={message.id}>
                <StatusTag status={message.status} />{' '}
                <Link asChild>
                  <NavLink to={`/exchange/conversations/${message.conversationId}`}>
                    <FormattedMessage
                      id="exchange.sent.to"
                      values={{
                        kind: codeWords(intl, 'kind', message.kind),
                        to: <bdi>{agencyName(agencies, message.recipient)}</bdi>,
                      }}
                    />
                  </NavLink>
                </Link>{' '}
                {message.statusReason && message.status !== 'declined' && (
                  <bdi className="exchange-reason">{message.statusReason}</bdi>
                )}{' '}
                <Button
                  variant="secondary"
                  data-size="sm"
                  disabled={seen.isPending}
                  onClick={() => message.id && seen.mutate(message.id)}
                >
                  <FormattedMessage id="exchange.attention.markSeen" />
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="sent-heading">
        <Heading level={2} data-size="md" id="sent-heading">
          <FormattedMessage id="exchange.sent.heading" />
        </Heading>
        {sent.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
        {sent.error && <ProblemNotice error={sent.error} />}
        {sent.data && sent.data.length === 0 && (
          <Paragraph>
            <FormattedMessage id="exchange.sent.empty" />
          </Paragraph>
        )}
        {sent.data && sent.data.length > 0 && (
          <Table data-testid="sent" zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>
                  <FormattedMessage id="exchange.column.message" />
                </Table.HeaderCell>
                <Table.HeaderCell>
                  <FormattedMessage id="exchange.column.to" />
                </Table.HeaderCell>
                <Table.HeaderCell>
                  <FormattedMessage id="exchange.column.about" />
                </Table.HeaderCell>
                <Table.HeaderCell>
                  <FormattedMessage id="exchange.column.sent" />
                </Table.HeaderCell>
                <Table.HeaderCell>
                  <FormattedMessage id="exchange.column.status" />
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {sent.data.map((message) => {
                const when = timeOf(message.createdAt);
                return (
                  <Table.Row key={message.id} data-testid="sent-row" data-message={message.id}>
                    <Table.Cell>
                      <Link asChild>
                        <NavLink to={`/exchange/conversations/${message.conversationId}`}>
                          {codeWords(intl, 'kind', message.kind)}
                        </NavLink>
                      </Link>
                    </Table.Cell>
                    <Table.Cell>
                      <bdi>{agencyName(agencies, message.recipient)}</bdi>
                    </Table.Cell>
                    <Table.Cell>
                      <AboutWhat message={message} />
                    </Table.Cell>
                    <Table.Cell>
                      {when && <span className="ltr">{formatDateTime(when, intl.locale)}</span>}
                    </Table.Cell>
                    <Table.Cell>
                      <StatusTag status={message.status} />
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        )}
      </section>
    </>
  );
}
