import { Tag } from '@digdir/designsystemet-react';
import { FormattedMessage } from 'react-intl';
import { statusLook } from '../exchange/status';

/** A plan's delivery status in words: a plan is a message, and goes through a message's statuses. */
export function PlanStatus({ status }: { status: string | undefined }) {
  if (!status) {
    return null;
  }
  const look = statusLook(status);
  return (
    <Tag data-color={look.colour} data-testid="plan-status">
      <FormattedMessage id={look.label} />
    </Tag>
  );
}
