import {
  Alert,
  Button,
  ErrorSummary,
  Heading,
  Paragraph,
  Textfield,
} from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { answerOf, api } from '../app/api/client';
import { COUNTS_KEY, EXCHANGE_KEY } from '../app/LiveCounts';
import { ProblemNotice } from '../app/ProblemNotice';
import {
  answerProblem,
  declineProblem,
  MAX_ANSWER_LENGTH,
  MAX_DECLINE_REASON_LENGTH,
} from './replyForm';
import type { MessageView } from './status';

/** Answering a request, or declining it with a reason that goes back to the asker. */
export function ReplyForms({
  request,
  onSent,
}: {
  request: MessageView;
  onSent: (reply: MessageView) => void;
}) {
  return (
    <>
      <ReplyForm request={request} kind="answer" onSent={onSent} />
      <ReplyForm request={request} kind="decline" onSent={onSent} />
    </>
  );
}

function ReplyForm({
  request,
  kind,
  onSent,
}: {
  request: MessageView;
  kind: 'answer' | 'decline';
  onSent: (reply: MessageView) => void;
}) {
  const intl = useIntl();
  const queries = useQueryClient();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const id = request.id ?? '';
  const fieldId = `${kind}-text`;
  const send = useMutation({
    mutationFn: (value: string) =>
      kind === 'answer'
        ? answerOf(
            api.POST('/api/messages/{id}/answers', {
              params: { path: { id } },
              body: { text: value },
            }),
          )
        : answerOf(
            api.POST('/api/messages/{id}/decline', {
              params: { path: { id } },
              body: { reason: value },
            }),
          ),
    onSuccess: (reply) => {
      void queries.invalidateQueries({ queryKey: EXCHANGE_KEY });
      void queries.invalidateQueries({ queryKey: COUNTS_KEY });
      onSent(reply as MessageView);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = kind === 'answer' ? answerProblem(text) : declineProblem(text);
    setProblem(found);
    if (!found) send.mutate(text);
  };
  return (
    <section aria-labelledby={`${kind}-heading`} className="exchange-reply">
      <Heading level={2} data-size="sm" id={`${kind}-heading`}>
        <FormattedMessage id={`exchange.${kind}.heading`} />
      </Heading>
      {problem && (
        <ErrorSummary>
          <ErrorSummary.Heading>
            <FormattedMessage id="exchange.form.errorsHeading" />
          </ErrorSummary.Heading>
          <ErrorSummary.List>
            <ErrorSummary.Item>
              <ErrorSummary.Link href={`#${fieldId}`}>
                <FormattedMessage id={problem} />
              </ErrorSummary.Link>
            </ErrorSummary.Item>
          </ErrorSummary.List>
        </ErrorSummary>
      )}
      <form onSubmit={submit} noValidate className="exchange-form">
        {kind === 'answer' ? (
          <Textfield
            id={fieldId}
            multiline
            rows={5}
            label={intl.formatMessage({ id: 'exchange.answer.label' })}
            value={text}
            maxLength={MAX_ANSWER_LENGTH}
            onChange={(event) => {
              setText(event.target.value);
              setProblem(undefined);
            }}
            error={problem ? intl.formatMessage({ id: problem }) : undefined}
          />
        ) : (
          <Textfield
            id={fieldId}
            label={intl.formatMessage({ id: 'exchange.decline.label' })}
            description={intl.formatMessage({ id: 'exchange.decline.help' })}
            value={text}
            maxLength={MAX_DECLINE_REASON_LENGTH}
            onChange={(event) => {
              setText(event.target.value);
              setProblem(undefined);
            }}
            error={problem ? intl.formatMessage({ id: problem }) : undefined}
          />
        )}
        {send.error && <ProblemNotice error={send.error} />}
        <Button
          type="submit"
          variant={kind === 'answer' ? 'primary' : 'secondary'}
          disabled={send.isPending}
        >
          <FormattedMessage id={`exchange.${kind}.send`} />
        </Button>
      </form>
    </section>
  );
}

/** What became of a reply: on its way, or held because no consent covers it any more. */
export function ReplyOutcome({ reply }: { reply: MessageView }) {
  const held = reply.status === 'held';
  const kind = reply.kind === 'decline' ? 'decline' : 'answer';
  return (
    <Alert data-color={held ? 'warning' : 'success'} data-testid="reply-outcome" role="status">
      <Heading level={2} data-size="xs">
        <FormattedMessage id={held ? `exchange.${kind}.held` : `exchange.${kind}.sent`} />
      </Heading>
      {held && reply.statusReason && (
        <Paragraph data-testid="held-words" lang="en">
          {reply.statusReason}
        </Paragraph>
      )}
    </Alert>
  );
}
