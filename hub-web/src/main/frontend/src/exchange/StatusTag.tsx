import { Tag } from '@digdir/designsystemet-react';
import { FormattedMessage } from 'react-intl';
import { statusLook } from './status';

/** A message's delivery status, in words and colour. */
export function StatusTag({ status }: { status: string | undefined }) {
  const look = statusLook(status);
  return (
    <Tag data-color={look.colour} data-testid="status" data-status={status}>
      <FormattedMessage id={look.label} />
    </Tag>
  );
}
