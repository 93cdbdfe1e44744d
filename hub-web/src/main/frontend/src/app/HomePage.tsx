import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Navigate } from 'react-router';
import { isCitizen } from '../me/me';
import { formatDateTime } from './format';
import { useMe, useSession } from './session';

/** The first page after signing in: who you are, as the hub sees you. */
export function HomePage() {
  const intl = useIntl();
  const me = useMe().data;
  const session = useSession().data;
  if (!me) {
    return null;
  }
  if (isCitizen(me)) {
    return <Navigate to="/me" replace />;
  }
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="home.heading" values={{ name: <bdi>{me.name}</bdi> }} />
      </Heading>
      <Paragraph>
        <FormattedMessage
          id="home.intro"
          values={{
            role: intl.formatMessage({ id: `role.${me.role}` }),
            agency: <bdi>{me.agency?.name}</bdi>,
          }}
        />
      </Paragraph>
      {session && (
        <Paragraph data-testid="signed-in-at">
          <FormattedMessage
            id="home.signedInAt"
            values={{
              time: <span className="ltr">{formatDateTime(session.signedInAt, intl.locale)}</span>,
            }}
          />
        </Paragraph>
      )}
    </>
  );
}
