import { Tag } from '@digdir/designsystemet-react';
import { FormattedMessage } from 'react-intl';

const COLOURS: Record<string, 'success' | 'danger' | 'warning' | 'info' | 'neutral'> = {
  created: 'neutral',
  sent: 'info',
  delivered: 'success',
  read: 'success',
  failed: 'danger',
  expired: 'danger',
  held: 'warning',
  declined: 'warning',
};

/** A plan's delivery status in words. */
export function PlanStatus({ status }: { status: string | undefined }) {
  if (!status) {
    return null;
  }
  return (
    <Tag data-color={COLOURS[status] ?? 'neutral'} data-testid="plan-status">
      {status in COLOURS ? <FormattedMessage id={`plans.status.${status}`} /> : status}
    </Tag>
  );
}
