import { codeWords } from '../app/vocabulary';
import { Details, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { NavLink } from 'react-router';
import { formatDateTime } from '../app/format';
import { DelayNotice } from './DelayNotice';
import { MessageContent } from './MessageContent';
import { agencyName, useAgencies } from '../app/agencies';
import { timeOf } from './queries';
import { deliveryFacts, type MessageView } from './status';
import { StatusTag } from './StatusTag';

/**
 * A conversation, oldest first: each message with who sent it to whom and when, its delivery
 * status, the receipts and retries, and its text on request (opening is audited). A held message
 * shows the hub's words for why it is held, and nothing of its content.
 */
export function Timeline({
  messages,
  myAgency,
}: {
  messages: MessageView[];
  myAgency: string | undefined;
}) {
  return (
    <ol className="exchange-timeline" data-testid="timeline">
      {messages.map((message) => (
        <TimelineEntry key={message.id} message={message} myAgency={myAgency} />
      ))}
    </ol>
  );
}

function TimelineEntry({ message, myAgency }: { message: MessageView; myAgency?: string }) {
  const intl = useIntl();
  const agencies = useAgencies().data;
  const [open, setOpen] = useState(false);
  const created = timeOf(message.createdAt);
  const held = message.status === 'held';
  return (
    <li
      className="exchange-timeline__entry"
      data-testid="timeline-entry"
      data-kind={message.kind}
      data-status={message.status}
    >
      <Heading level={3} data-size="2xs">
        <FormattedMessage
          id="exchange.timeline.entry"
          values={{
            kind: codeWords(intl, 'kind', message.kind),
            from: <bdi>{agencyName(agencies, message.sender)}</bdi>,
            to: <bdi>{agencyName(agencies, message.recipient)}</bdi>,
          }}
        />
      </Heading>
      <Paragraph data-size="sm">
        <StatusTag status={message.status} />{' '}
        {created && (
          <span className="ltr">{formatDateTime(created, intl.locale)}</span>
        )}
      </Paragraph>
      <DelayNotice message={message} recipientName={agencyName(agencies, message.recipient)} />
      <ul className="exchange-facts">
        {deliveryFacts(message).map((fact) => (
          <li key={fact.id}>
            <FormattedMessage
              id={fact.id}
              values={Object.fromEntries(
                Object.entries(fact.values ?? {}).map(([name, value]) => [
                  name,
                  fact.times?.includes(name) ? (
                    <span className="ltr">{formatDateTime(String(value), intl.locale)}</span>
                  ) : (
                    <bdi>{value}</bdi>
                  ),
                ]),
              )}
            />
          </li>
        ))}
      </ul>
      {held && (
        <Paragraph data-size="sm" data-testid="held-notice">
          <FormattedMessage id="exchange.timeline.held" />
        </Paragraph>
      )}
      {!held && (
        <Details
          onToggle={(event) => {
            // Opened once, the text stays: a second toggle need not open it (and audit it) again.
            const details = event.target as HTMLDetailsElement;
            if (details === event.currentTarget && details.open) setOpen(true);
          }}
        >
          <Details.Summary>
            <FormattedMessage
              id={message.kind === 'decline' ? 'exchange.timeline.showReason' : 'exchange.timeline.showText'}
            />
          </Details.Summary>
          <Details.Content>
            {open && <MessageContent message={message} myAgency={myAgency} />}
          </Details.Content>
        </Details>
      )}
      {message.id && (
        <Paragraph data-size="sm">
          <Link asChild>
            <NavLink to={`/exchange/messages/${message.id}`}>
              <FormattedMessage id="exchange.timeline.openMessage" />
            </NavLink>
          </Link>
        </Paragraph>
      )}
    </li>
  );
}
