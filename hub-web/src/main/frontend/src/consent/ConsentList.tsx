import { labelWords } from '../app/vocabulary';
import { Button, Dialog, Heading, Paragraph, Spinner, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { formatDate, formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { fullName, type PersonView } from '../people/person';
import { agencyName, useAgencies } from '../app/agencies';
import type { ConsentView } from './consent';
import './consent.css';
import { inListOrder, lastChange, statusColour } from './status';
import { AgeActionDialog, AgeNotes, type AgeAction } from './AgeActions';

type Ending = 'withdrawal' | 'entered-in-error';

/**
 * A person's consents that involve the caseworker's agency, as the hub lists them: each with its
 * status, the way to its receipt, and, while it is active, withdrawing it or marking it entered in
 * error, each with a reason and a confirmation.
 */
export function ConsentList({ subject }: { subject: PersonView }) {
  const intl = useIntl();
  const agencies = useAgencies();
  const consents = useQuery({
    queryKey: ['consents', subject.id],
    queryFn: async () =>
      (await answerOf(
        api.GET('/api/consents', { params: { query: { subject: subject.id } } }),
      )) as unknown as ConsentView[],
  });
  const [ending, setEnding] = useState<{ consent: ConsentView; kind: Ending }>();
  const [ended, setEnded] = useState<ConsentView>();
  const [ageAction, setAgeAction] = useState<AgeAction>();
  const [ageDone, setAgeDone] = useState<AgeAction['kind']>();

  const shown = consents.data ? inListOrder(consents.data) : [];
  return (
    <section className="people-section" aria-labelledby="consents-heading">
      <Heading level={2} data-size="md" id="consents-heading">
        <FormattedMessage id="consent.list.heading" />
      </Heading>
      <Button asChild>
        <RouterLink to={`/consent/new?subject=${encodeURIComponent(subject.id)}`}>
          <FormattedMessage id="consent.list.record" />
        </RouterLink>
      </Button>
      {ended && (
        <Paragraph role="status" data-testid="consent-ended">
          <FormattedMessage
            id={ended.status === 'withdrawn' ? 'consent.end.doneWithdrawn' : 'consent.end.doneInError'}
          />
        </Paragraph>
      )}
      {ageDone && (
        <Paragraph role="status" data-testid="consent-age-done">
          <FormattedMessage id={ageDone === 'confirmation' ? 'consent.confirm.done' : 'consent.guardian.done'} />
        </Paragraph>
      )}
      {consents.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {consents.error && <ProblemNotice error={consents.error} />}
      {consents.data && shown.length === 0 && (
        <Paragraph>
          <FormattedMessage id="consent.list.none" />
        </Paragraph>
      )}
      {shown.length > 0 && (
        <Table data-testid="consents" className="consent-table">
          <caption>
            <FormattedMessage id="consent.list.caption" />
          </caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>
                <FormattedMessage id="consent.list.column.status" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="consent.list.column.flow" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="consent.list.column.what" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="consent.list.column.validity" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="consent.list.column.actions" />
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {shown.map((consent) => {
              const change = lastChange(consent);
              return (
                <Table.Row key={consent.id} data-testid="consent-row" data-consent-id={consent.id}>
                  <Table.Cell>
                    <Tag data-color={statusColour(consent.status)} data-testid="consent-status">
                      {labelWords(intl, 'consentStatus', consent.status)}
                    </Tag>
                    {change?.reason && (
                      <Paragraph data-size="sm">
                        <FormattedMessage
                          id="consent.list.reason"
                          values={{
                            reason: <bdi>{change.reason}</bdi>,
                            when: <span className="ltr">{formatDateTime(change.at, intl.locale)}</span>,
                          }}
                        />
                      </Paragraph>
                    )}
                    <AgeNotes consent={consent} name={fullName(subject)} />
                  </Table.Cell>
                  <Table.Cell>
                    <FormattedMessage
                      id={consent.direction === 'both-ways' ? 'consent.flow.bothWays' : 'consent.flow.oneWay'}
                      values={{
                        from: <bdi>{agencyName(agencies.data, consent.disclosingAgency)}</bdi>,
                        to: <bdi>{agencyName(agencies.data, consent.receivingAgency)}</bdi>,
                      }}
                    />
                  </Table.Cell>
                  <Table.Cell>
                    <ul className="consent-categories">
                      {consent.categories.map((category) => (
                        <li key={category}>
                          {labelWords(intl, 'category', category)}
                        </li>
                      ))}
                    </ul>
                    <Paragraph data-size="sm">
                      {labelWords(intl, 'purpose', consent.purpose)}
                    </Paragraph>
                  </Table.Cell>
                  <Table.Cell>
                    <FormattedMessage
                      id="consent.list.validity"
                      values={{
                        from: <span className="ltr">{formatDate(consent.validFrom, intl.locale)}</span>,
                        until: <span className="ltr">{formatDate(consent.validUntil, intl.locale)}</span>,
                      }}
                    />
                  </Table.Cell>
                  <Table.Cell>
                    <div className="consent-actions">
                      <ReceiptLinks consent={consent} subject={subject} />
                      {consent.awaitingConfirmation && (
                        <Button
                          data-size="sm"
                          onClick={() =>
                            setAgeAction({ kind: 'confirmation', consent, name: fullName(subject) })
                          }
                        >
                          <FormattedMessage id="consent.confirm.open" />
                        </Button>
                      )}
                      {consent.status === 'active' &&
                        consent.guardiansAwaited.map((guardian) => (
                          <Button
                            key={guardian.id}
                            variant="secondary"
                            data-size="sm"
                            onClick={() =>
                              setAgeAction({
                                kind: 'guardian',
                                consent,
                                name: guardian.name,
                                guardianId: guardian.id,
                              })
                            }
                          >
                            <FormattedMessage id="consent.guardian.open" values={{ name: guardian.name }} />
                          </Button>
                        ))}
                      {consent.status === 'active' && (
                        <>
                          <Button
                            variant="secondary"
                            data-size="sm"
                            onClick={() => setEnding({ consent, kind: 'withdrawal' })}
                          >
                            <FormattedMessage id="consent.end.withdrawal.open" />
                          </Button>
                          <Button
                            variant="tertiary"
                            data-size="sm"
                            data-color="danger"
                            onClick={() => setEnding({ consent, kind: 'entered-in-error' })}
                          >
                            <FormattedMessage id="consent.end.entered-in-error.open" />
                          </Button>
                        </>
                      )}
                    </div>
                  </Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      )}
      {ageAction && (
        <AgeActionDialog
          key={`${ageAction.consent.id}-${ageAction.kind}`}
          action={ageAction}
          from={agencyName(agencies.data, ageAction.consent.disclosingAgency)}
          to={agencyName(agencies.data, ageAction.consent.receivingAgency)}
          onClosed={(result) => {
            const kind = ageAction.kind;
            setAgeAction(undefined);
            if (result) {
              setAgeDone(kind);
            }
          }}
        />
      )}
      {ending && (
        <EndConsentDialog
          key={`${ending.consent.id}-${ending.kind}`}
          consent={ending.consent}
          kind={ending.kind}
          from={agencyName(agencies.data, ending.consent.disclosingAgency)}
          to={agencyName(agencies.data, ending.consent.receivingAgency)}
          onClosed={(result) => {
            setEnding(undefined);
            if (result) {
              setEnded(result);
            }
          }}
        />
      )}
    </section>
  );
}

/** The receipt in the person's language (with Norwegian), and in Norwegian alone. */
export function ReceiptLinks({ consent, subject }: { consent: ConsentView; subject: PersonView }) {
  const languages = subject.preferredLanguage === 'nb' ? ['nb'] : [subject.preferredLanguage, 'nb'];
  const intl = useIntl();
  return (
    <>
      {languages.map((language) => (
        <Button asChild variant="tertiary" data-size="sm" key={language}>
          <RouterLink
            to={`/consent/${encodeURIComponent(consent.id)}/receipt/${encodeURIComponent(language)}`}
            state={{ subject: { id: subject.id, name: fullName(subject) } }}
            data-testid={`receipt-${language}`}
          >
            <FormattedMessage
              id="consent.receipt.open"
              values={{
                language: intl.messages[`people.language.${language}`]
                  ? intl.formatMessage({ id: `people.language.${language}` })
                  : language,
              }}
            />
          </RouterLink>
        </Button>
      ))}
    </>
  );
}

/**
 * The confirmation before a consent stops holding: what it covers, the reason (which the audit log
 * keeps), and the hub's answer. Esc or the close button leaves the consent as it was.
 */
function EndConsentDialog({
  consent,
  kind,
  from,
  to,
  onClosed,
}: {
  consent: ConsentView;
  kind: Ending;
  from: string;
  to: string;
  onClosed: (result?: ConsentView) => void;
}) {
  const intl = useIntl();
  const queries = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const end = useMutation({
    mutationFn: async () =>
      (kind === 'withdrawal'
        ? await answerOf(
            api.POST('/api/consents/{id}/withdrawal', {
              params: { path: { id: consent.id } },
              body: { reason: reason.trim() },
            }),
          )
        : await answerOf(
            api.POST('/api/consents/{id}/entered-in-error', {
              params: { path: { id: consent.id } },
              body: { reason: reason.trim() },
            }),
          )) as unknown as ConsentView,
    onSuccess: async (result) => {
      await queries.invalidateQueries({ queryKey: ['consents', consent.subjectId] });
      await queries.invalidateQueries({ queryKey: ['access-log', consent.subjectId] });
      dialog.current?.close();
      onClosed(result);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    end.mutate();
  }

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
      aria-labelledby="end-consent-heading"
      data-testid="end-consent-dialog"
    >
      <Dialog.Block>
        <Heading level={2} data-size="sm" id="end-consent-heading">
          <FormattedMessage id={`consent.end.${kind}.heading`} />
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <form className="people-form" onSubmit={submit} noValidate>
          <Paragraph>
            <FormattedMessage
              id={`consent.end.${kind}.explain`}
              values={{ from: <bdi>{from}</bdi>, to: <bdi>{to}</bdi> }}
            />
          </Paragraph>
          <Textfield
            multiline
            rows={3}
            id="end-consent-reason"
            label={intl.formatMessage({ id: `consent.end.${kind}.reason` })}
            value={reason}
            maxLength={1000}
            onChange={(event) => {
              setReason(event.target.value);
              setMissing(false);
            }}
            error={missing ? intl.formatMessage({ id: 'consent.end.reasonMissing' }) : undefined}
          />
          {end.error && <ProblemNotice error={end.error} />}
          <div className="consent-actions">
            <Button type="submit" data-color="danger" disabled={end.isPending}>
              <FormattedMessage id={`consent.end.${kind}.confirm`} />
            </Button>
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              <FormattedMessage id="consent.end.cancel" />
            </Button>
          </div>
        </form>
      </Dialog.Block>
    </Dialog>
  );
}
