import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { FormattedMessage, useIntl } from 'react-intl';
import { durationSeconds, formatWait } from '../app/format';
import type { MessageView } from './status';

/**
 * That a message on its way may be slow to arrive, and about how slow, in plain words: shown while
 * the hub says its recipient's deliveries are behind (`expectedDelay`, the age of the oldest message
 * waiting for that agency), and not otherwise. The delay is a backlog's age, not a promise, hence
 * "about" and "may".
 */
export function DelayNotice({
  message,
  recipientName,
}: {
  message: Pick<MessageView, 'expectedDelay'>;
  recipientName: string;
}) {
  const intl = useIntl();
  const seconds = durationSeconds(message.expectedDelay);
  if (seconds === undefined) {
    return null;
  }
  return (
    <Alert data-color="info" data-size="sm" data-testid="expected-delay">
      <Paragraph data-size="sm">
        <FormattedMessage
          id="exchange.delay.notice"
          values={{
            recipient: <bdi>{recipientName}</bdi>,
            delay: <bdi>{formatWait(seconds, intl.locale)}</bdi>,
          }}
        />
      </Paragraph>
    </Alert>
  );
}
