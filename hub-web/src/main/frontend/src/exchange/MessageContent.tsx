import { Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { answerOf, api } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { COUNTS_KEY, EXCHANGE_KEY } from '../app/LiveCounts';
import { ProblemNotice } from '../app/ProblemNotice';
import { keys, timeOf } from './queries';
import type { MessageView } from './status';

/**
 * Opens a message (the hub audits it and decides consent again) and, for its recipient, marks it
 * read as the hub counts it. A held message comes back refused, in the hub's words, never with its
 * content.
 */
export function useOpenedMessage(id: string, myAgency: string | undefined) {
  const queries = useQueryClient();
  const opened = useQuery({
    queryKey: keys.opened(id),
    queryFn: () => answerOf(api.GET('/api/messages/{id}', { params: { path: { id } } })),
    staleTime: Infinity,
  });
  const markRead = useMutation({
    mutationFn: () => answerOf(api.POST('/api/messages/{id}/read', { params: { path: { id } } })),
    onSettled: () => {
      void queries.invalidateQueries({ queryKey: COUNTS_KEY });
      void queries.invalidateQueries({ queryKey: EXCHANGE_KEY });
    },
  });
  const message = opened.data;
  const unreadForMe =
    message !== undefined && message.recipient === myAgency && message.status === 'delivered';
  const { mutate, isIdle } = markRead;
  useEffect(() => {
    if (unreadForMe && isIdle) {
      mutate();
    }
  }, [unreadForMe, isIdle, mutate]);
  return opened;
}

/** What a person wrote: as text, with its line breaks, never as markup. */
export function WrittenText({ text, testId }: { text: string | undefined; testId?: string }) {
  return (
    <Paragraph className="exchange-text" data-testid={testId}>
      {text}
    </Paragraph>
  );
}

/** An opened message's text (a question, an answer, a reason for declining). */
export function MessageContent({
  message,
  myAgency,
}: {
  message: MessageView;
  myAgency: string | undefined;
}) {
  const intl = useIntl();
  const opened = useOpenedMessage(message.id ?? '', myAgency);
  if (opened.isPending) {
    return <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />;
  }
  if (opened.error) {
    return <ProblemNotice error={opened.error} />;
  }
  const erasedAt = timeOf(opened.data.erasedAt) ?? timeOf(message.erasedAt);
  if (erasedAt) {
    return (
      <Paragraph data-testid="message-erased">
        <FormattedMessage
          id="exchange.erased"
          values={{ date: formatDateTime(erasedAt, intl.locale) }}
        />
      </Paragraph>
    );
  }
  return <WrittenText text={opened.data.body} testId="message-body" />;
}
