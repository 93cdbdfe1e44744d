import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { FormattedMessage } from 'react-intl';
import { useSearchParams } from 'react-router';
import { useMe } from '../app/session';
import { ParticipantPlans } from './ParticipantPlans';
import { ReceivedPlans } from './ReceivedPlans';
import { SharedPlans } from './SharedPlans';
import './plans.css';

/**
 * Participants' plans (J6): the caseworker writes one and shares it with NAV, and follows its
 * delivery; NAV's adviser sees the plans received. Which of the two a user gets follows the role the
 * hub gives; the hub decides again on every call.
 */
export function PlansPage() {
  const me = useMe().data;
  const [address] = useSearchParams();
  const subject = address.get('subject')?.trim();
  if (!me) {
    return null;
  }
  if (me.role === 'nav-adviser') {
    return <ReceivedPlans />;
  }
  if (subject) {
    return <ParticipantPlans subjectId={subject} />;
  }
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="plans.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="plans.chooseParticipant" />
      </Paragraph>
      <SharedPlans />
    </>
  );
}
