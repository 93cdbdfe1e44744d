import { Button, Dialog, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { answerOf, api } from '../app/api/client';
import { formatDate, formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import type { ConsentView } from './consent';

/** What a consent a guardian gave says of the child's age: who heard them, who consented, what waits. */
export function AgeNotes({ consent, name }: { consent: ConsentView; name: string }) {
  const intl = useIntl();
  const heard = consent.evidence.childHeard;
  const consented = consent.guardians.map((guardian) => guardian.name ?? guardian.id);
  return (
    <>
      {consent.awaitingConfirmation && (
        <>
          <Tag data-color="warning" data-testid="consent-awaiting-confirmation">
            <FormattedMessage id="consent.list.awaitingConfirmation" />
          </Tag>
          <Paragraph data-size="sm">
            <FormattedMessage
              id="consent.list.awaitingConfirmation.explain"
              values={{ name: <bdi>{name}</bdi> }}
            />
          </Paragraph>
        </>
      )}
      {consent.confirmedAt && (
        <Paragraph data-size="sm" data-testid="consent-confirmed">
          <FormattedMessage
            id="consent.list.confirmed"
            values={{ when: <span className="ltr">{formatDateTime(consent.confirmedAt, intl.locale)}</span> }}
          />
        </Paragraph>
      )}
      {heard && (
        <Paragraph data-size="sm" data-testid="consent-child-heard">
          <FormattedMessage
            id="consent.list.childHeard"
            values={{
              by: <bdi>{heard.heardBy}</bdi>,
              on: <span className="ltr">{formatDate(heard.heardOn, intl.locale)}</span>,
            }}
          />
        </Paragraph>
      )}
      {consented.length > 0 && (
        <Paragraph data-size="sm" data-testid="consent-guardians">
          <FormattedMessage
            id="consent.list.guardians"
            values={{ names: <bdi>{consented.join(', ')}</bdi> }}
          />
        </Paragraph>
      )}
      {consent.status === 'active' &&
        consent.guardiansAwaited.map((guardian) => (
          <Paragraph data-size="sm" key={guardian.id} data-testid="consent-guardian-awaited">
            <FormattedMessage
              id="consent.list.guardiansAwaited"
              values={{ name: <bdi>{guardian.name}</bdi> }}
            />
          </Paragraph>
        ))}
    </>
  );
}

/** What a caseworker records on a consent for the child's age: a confirmation, or a guardian's consent. */
export type AgeAction =
  | { kind: 'confirmation'; consent: ConsentView; name: string }
  | { kind: 'guardian'; consent: ConsentView; name: string; guardianId: string };

/**
 * The confirmation before the caseworker records, on the person's behalf, that the young person
 * confirmed a consent, or that a further guardian consented; the hub decides whether it may.
 */
export function AgeActionDialog({
  action,
  from,
  to,
  onClosed,
}: {
  action: AgeAction;
  from: string;
  to: string;
  onClosed: (result?: ConsentView) => void;
}) {
  const intl = useIntl();
  const queries = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = action.consent.id;
  const record = useMutation({
    mutationFn: async () =>
      (action.kind === 'confirmation'
        ? await answerOf(
            api.POST('/api/consents/{id}/confirmation', { params: { path: { id } } }),
          )
        : await answerOf(
            api.POST('/api/consents/{id}/guardian-consents', {
              params: { path: { id } },
              body: { guardianId: action.guardianId },
            }),
          )) as unknown as ConsentView,
    onSuccess: async (result) => {
      await queries.invalidateQueries({ queryKey: ['consents', action.consent.subjectId] });
      await queries.invalidateQueries({ queryKey: ['consents-awaiting-confirmation'] });
      dialog.current?.close();
      onClosed(result);
    },
  });
  const kind = action.kind;
  return (
    <Dialog
      ref={(element) => {
        dialog.current = element;
        if (element && !element.open) {
          element.showModal();
        }
      }}
      closeButton={intl.formatMessage({ id: 'consent.end.close' })}
      onClose={() => onClosed()}
      aria-labelledby="age-action-heading"
      data-testid="age-action-dialog"
    >
      <Dialog.Block>
        <Heading level={2} data-size="sm" id="age-action-heading">
          <FormattedMessage id={kind === 'confirmation' ? 'consent.confirm.heading' : 'consent.guardian.heading'} />
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <Paragraph>
          <FormattedMessage
            id={kind === 'confirmation' ? 'consent.confirm.explain' : 'consent.guardian.explain'}
            values={{ name: <bdi>{action.name}</bdi>, from: <bdi>{from}</bdi>, to: <bdi>{to}</bdi> }}
          />
        </Paragraph>
        {record.error && <ProblemNotice error={record.error} />}
        <div className="consent-actions">
          <Button type="button" disabled={record.isPending} onClick={() => record.mutate()}>
            <FormattedMessage
              id={kind === 'confirmation' ? 'consent.confirm.submit' : 'consent.guardian.submit'}
              values={{ name: action.name }}
            />
          </Button>
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            <FormattedMessage id="consent.end.cancel" />
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
