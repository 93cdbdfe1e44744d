import { codeWords } from '../app/vocabulary';
import { Alert, Heading, Link, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { NavLink, useParams } from 'react-router';
import { answerOf, api, ApiProblem } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { useMe } from '../app/session';
import { AboutWhat } from './AboutWhat';
import { ConsentSummary } from './ConsentSummary';
import { DelayNotice } from './DelayNotice';
import { useOpenedMessage, WrittenText } from './MessageContent';
import { PersonName } from './PersonName';
import { agencyName, useAgencies } from '../app/agencies';
import { keys, timeOf } from './queries';
import { awaitsReply } from './replyForm';
import { ReplyForms, ReplyOutcome } from './ReplyForms';
import type { MessageView } from './status';
import { StatusTag } from './StatusTag';
import { Timeline } from './Timeline';

/**
 * One message, opened (audited, consent decided again, marked read for its recipient): who sent it
 * to whom, about what and when, its text, and the conversation it belongs to. A request in the
 * inbox comes with the consent it relies on and the forms to answer or decline it. A held message
 * shows the hub's words, never its content.
 */
export function MessagePage() {
  const intl = useIntl();
  const { id = '' } = useParams();
  const me = useMe().data;
  const myAgency = me?.agency.orgNumber;
  const agencies = useAgencies().data;
  const opened = useOpenedMessage(id, myAgency);
  const [reply, setReply] = useState<MessageView>();
  const message = opened.data;
  const conversation = useQuery({
    queryKey: keys.conversation(message?.conversationId ?? ''),
    enabled: message?.conversationId !== undefined,
    queryFn: () =>
      answerOf(
        api.GET('/api/conversations/{id}', {
          params: { path: { id: message?.conversationId ?? '' } },
        }),
      ),
  });

  if (opened.isPending) {
    return <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />;
  }
  if (opened.error) {
    return (
      <>
        <Heading level={1} data-size="lg">
          <FormattedMessage id="exchange.message.heading" />
        </Heading>
        {isHeld(opened.error) ? (
          <HeldNotice problem={(opened.error as ApiProblem).problem.detail} />
        ) : (
          <ProblemNotice error={opened.error} />
        )}
        <BackToInbox />
      </>
    );
  }
  // Statuses change after opening; the conversation's envelopes are kept current.
  const current = conversation.data?.find((m) => m.id === message?.id) ?? message;
  const forMe = current?.recipient === myAgency;
  const created = timeOf(current?.createdAt);
  const replyOpen =
    forMe && current !== undefined && conversation.data !== undefined
      ? awaitsReply(current, conversation.data)
      : false;
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage
          id="exchange.message.title"
          values={{
            kind: codeWords(intl, 'kind', current?.kind),
            from: <bdi>{agencyName(agencies, current?.sender)}</bdi>,
          }}
        />
      </Heading>
      <dl className="exchange-envelope" data-testid="envelope">
        <dt>
          <FormattedMessage id="exchange.column.status" />
        </dt>
        <dd>
          <StatusTag status={current?.status} />
        </dd>
        <dt>
          <FormattedMessage id="exchange.column.from" />
        </dt>
        <dd>
          <bdi>{agencyName(agencies, current?.sender)}</bdi>
        </dd>
        <dt>
          <FormattedMessage id="exchange.column.to" />
        </dt>
        <dd>
          <bdi>{agencyName(agencies, current?.recipient)}</bdi>
        </dd>
        <dt>
          <FormattedMessage id="exchange.column.about" />
        </dt>
        <dd>{current && <AboutWhat message={current} />}</dd>
        <dt>
          <FormattedMessage id="exchange.column.person" />
        </dt>
        <dd>
          <PersonName id={current?.subjectId} />
        </dd>
        <dt>
          <FormattedMessage id="exchange.column.sent" />
        </dt>
        <dd>{created && <span className="ltr">{formatDateTime(created, intl.locale)}</span>}</dd>
      </dl>
      {current && (
        <DelayNotice message={current} recipientName={agencyName(agencies, current.recipient)} />
      )}
      <section aria-labelledby="message-text-heading">
        <Heading level={2} data-size="sm" id="message-text-heading">
          <FormattedMessage
            id={message?.kind === 'decline' ? 'exchange.message.reason' : 'exchange.message.text'}
          />
        </Heading>
        <WrittenText text={message?.body} testId="message-body" />
      </section>
      {forMe && message?.kind === 'request' && message.consentId && (
        <ConsentSummary consentId={message.consentId} />
      )}
      {reply && <ReplyOutcome reply={reply} />}
      {!reply && replyOpen && current && <ReplyForms request={current} onSent={setReply} />}
      <section aria-labelledby="conversation-heading">
        <Heading level={2} data-size="sm" id="conversation-heading">
          <FormattedMessage id="exchange.conversation.heading" />
        </Heading>
        {conversation.error && <ProblemNotice error={conversation.error} />}
        {conversation.data && <Timeline messages={conversation.data} myAgency={myAgency} />}
      </section>
      <BackToInbox />
    </>
  );
}

function isHeld(error: unknown): boolean {
  return error instanceof ApiProblem && (error.problem.type ?? '').endsWith('/message-held');
}

/** A held message: that it is held and why, in the hub's words; never its content. */
export function HeldNotice({ problem }: { problem: string | undefined }) {
  return (
    <Alert data-color="warning" data-testid="held">
      <Heading level={2} data-size="xs">
        <FormattedMessage id="exchange.held.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="problem.message-held.what" />
      </Paragraph>
      {problem && (
        <Paragraph data-testid="held-words" lang="en">
          {problem}
        </Paragraph>
      )}
      <Paragraph>
        <FormattedMessage id="problem.message-held.next" />
      </Paragraph>
    </Alert>
  );
}

function BackToInbox() {
  return (
    <Paragraph>
      <Link asChild>
        <NavLink to="/exchange">
          <FormattedMessage id="exchange.backToInbox" />
        </NavLink>
      </Link>
    </Paragraph>
  );
}
