import { Alert, Heading, Link, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { NavLink, useParams, useSearchParams } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { ProblemNotice } from '../app/ProblemNotice';
import { useMe } from '../app/session';
import { AboutWhat } from './AboutWhat';
import { PersonName } from './PersonName';
import { keys } from './queries';
import { Timeline } from './Timeline';

/** A conversation's timeline, kept current as its messages change. */
export function ConversationPage() {
  const intl = useIntl();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const me = useMe().data;
  const conversation = useQuery({
    queryKey: keys.conversation(id),
    queryFn: () => answerOf(api.GET('/api/conversations/{id}', { params: { path: { id } } })),
  });
  const first = conversation.data?.[0];
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="exchange.conversation.heading" />
      </Heading>
      {params.get('sent') === '1' && (
        <Alert data-color="success" role="status" data-testid="sent-notice">
          <FormattedMessage id="exchange.ask.sent" />
        </Alert>
      )}
      {first && (
        <dl className="exchange-envelope">
          <dt>
            <FormattedMessage id="exchange.column.person" />
          </dt>
          <dd>
            <PersonName id={first.subjectId} />
          </dd>
          <dt>
            <FormattedMessage id="exchange.column.about" />
          </dt>
          <dd>
            <AboutWhat message={first} />
          </dd>
        </dl>
      )}
      {conversation.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {conversation.error && <ProblemNotice error={conversation.error} />}
      {conversation.data && (
        <Timeline messages={conversation.data} myAgency={me?.agency.orgNumber} />
      )}
      <Paragraph>
        <Link asChild>
          <NavLink to="/exchange?box=sent">
            <FormattedMessage id="exchange.backToSent" />
          </NavLink>
        </Link>
      </Paragraph>
    </>
  );
}
