import { codeWords } from '../app/vocabulary';
import { Button, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { NavLink } from 'react-router';
import { ProblemNotice } from '../app/ProblemNotice';
import { useMe } from '../app/session';
import { AboutWhat } from './AboutWhat';
import { agencyName, useAgencies } from '../app/agencies';
import { ASKING_ROLES, conversationsAbout, keys } from './queries';
import { PersonName } from './PersonName';
import { StatusTag } from './StatusTag';
import { Timeline } from './Timeline';

/** One person's conversations that the agency may see, each as its timeline. */
export function SubjectConversations({ subject }: { subject: string }) {
  const intl = useIntl();
  const me = useMe().data;
  const agencies = useAgencies().data;
  const conversations = useQuery({
    queryKey: keys.aboutSubject(subject),
    queryFn: () => conversationsAbout(subject),
  });
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="exchange.subject.heading" />
      </Heading>
      <Paragraph>
        <PersonName id={subject} />
      </Paragraph>
      {me && ASKING_ROLES.includes(me.role) && (
        <Button asChild variant="primary">
          <NavLink to={`/exchange/ask?subject=${encodeURIComponent(subject)}`}>
            <FormattedMessage id="exchange.subject.ask" />
          </NavLink>
        </Button>
      )}
      {conversations.isPending && (
        <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />
      )}
      {conversations.error && <ProblemNotice error={conversations.error} />}
      {conversations.data && conversations.data.length === 0 && (
        <Paragraph>
          <FormattedMessage id="exchange.subject.none" />
        </Paragraph>
      )}
      {conversations.data?.map((conversation) => (
        <section
          key={conversation.conversationId}
          className="exchange-conversation"
          data-testid="conversation"
          aria-labelledby={`conversation-${conversation.conversationId}`}
        >
          <Heading level={2} data-size="sm" id={`conversation-${conversation.conversationId}`}>
            <FormattedMessage
              id="exchange.subject.conversation"
              values={{
                kind: codeWords(intl, 'kind', conversation.kind),
                counterpart: <bdi>{agencyName(agencies, conversation.counterpart)}</bdi>,
              }}
            />
          </Heading>
          <Paragraph data-size="sm">
            <StatusTag status={conversation.status} />{' '}
            <AboutWhat message={conversation} />
          </Paragraph>
          <Timeline messages={conversation.messages ?? []} myAgency={me?.agency.orgNumber} />
        </section>
      ))}
    </>
  );
}
