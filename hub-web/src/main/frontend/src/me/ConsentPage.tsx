import { Alert, Button, Dialog, Heading, Link, Paragraph, Spinner, Tag, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink, useParams } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { statusColour } from '../consent/status';
import { HubText } from './HubText';
import { readerFirst, type Party, type PersonReceipt } from './me';
import { PartyName, Summary } from './PersonPage';
import { receiptQuery } from './queries';

/**
 * One consent's receipt, in the reader's language with the Norwegian beside it; while it is in
 * force, withdrawing it in one action behind a confirmation that says what will stop; after that,
 * the receipt of the withdrawal.
 */
export function ConsentPage() {
  const intl = useIntl();
  const { personId = '', consentId = '' } = useParams();
  const receipt = useQuery(receiptQuery(consentId, intl.locale));
  const [withdrawn, setWithdrawn] = useState(false);

  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="me.receipt.heading" />
      </Heading>
      {receipt.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {receipt.error && <ProblemNotice error={receipt.error} />}
      {withdrawn && (
        <Alert data-color="success" role="status" data-testid="withdrawn-notice">
          <FormattedMessage id="me.withdraw.done" />
        </Alert>
      )}
      {receipt.data && (
        <>
          <Tag data-color={statusColour(receipt.data.status)} data-testid="consent-status">
            <FormattedMessage id={`me.consent.status.${receipt.data.status}`} />
          </Tag>
          <Summary receipt={receipt.data} />
          {receipt.data.status === 'active' && (
            <Withdrawal consentId={consentId} receipt={receipt.data} onDone={() => setWithdrawn(true)} />
          )}
          <Receipt receipt={receipt.data} />
        </>
      )}
      <div className="me-actions">
        <Button variant="secondary" onClick={() => window.print()} disabled={!receipt.data}>
          <FormattedMessage id="me.receipt.print" />
        </Button>
        <Link asChild>
          <RouterLink to={`/me/${encodeURIComponent(personId)}`}>
            <FormattedMessage id="me.back.consents" />
          </RouterLink>
        </Link>
      </div>
    </>
  );
}

/** The receipt's lines, each language in its own direction. */
function Receipt({ receipt }: { receipt: PersonReceipt }) {
  const intl = useIntl();
  return (
    <section className="me-section" aria-labelledby="receipt-heading" data-testid="receipt">
      <Heading level={2} data-size="md" id="receipt-heading">
        <FormattedMessage id="me.receipt.whole" />
      </Heading>
      <Paragraph data-size="sm">
        <FormattedMessage
          id="me.receipt.issued"
          values={{ time: <bdi>{formatDateTime(receipt.issuedAt, intl.locale)}</bdi> }}
        />
      </Paragraph>
      {readerFirst(receipt.sections, intl.locale).map((section) => (
        <HubText
          key={section.language}
          language={section.language}
          direction={section.direction}
          reviewStatus={section.reviewStatus}
          reviewNote={section.reviewNote}
          reader={intl.locale}
          testId={`receipt-section-${section.language}`}
        >
          <Heading level={3} data-size="sm">
            {section.title}
          </Heading>
          <dl className="me-parties">
            {section.lines.map((line) => (
              <div key={line.label} style={{ display: 'contents' }}>
                <dt>{line.label}</dt>
                <dd>
                  {line.values.map((value) => (
                    <div key={value} dir="auto">
                      {value}
                    </div>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        </HubText>
      ))}
    </section>
  );
}

function Withdrawal({
  consentId,
  receipt,
  onDone,
}: {
  consentId: string;
  receipt: PersonReceipt;
  onDone: () => void;
}) {
  const intl = useIntl();
  const queries = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () =>
      answerOf(
        api.POST('/api/consents/{id}/withdrawal', {
          params: { path: { id: consentId } },
          body: { reason: reason.trim() || undefined },
        }),
      ),
    onSuccess: async () => {
      dialog.current?.close();
      await queries.invalidateQueries({ queryKey: ['receipt', consentId] });
      await queries.invalidateQueries({ queryKey: ['consents'] });
      await queries.invalidateQueries({ queryKey: ['access-log'] });
      onDone();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    withdraw.mutate();
  }

  const parties = {
    from: receipt.disclosing ? <PartyName party={receipt.disclosing as Party} /> : '',
    to: receipt.receiving ? <PartyName party={receipt.receiving as Party} /> : '',
  };
  return (
    <section className="me-section" aria-labelledby="withdraw-heading">
      <Heading level={2} data-size="md" id="withdraw-heading">
        <FormattedMessage id="me.withdraw.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="me.withdraw.intro" />
      </Paragraph>
      <Button data-color="danger" data-testid="withdraw-open" onClick={() => dialog.current?.showModal()}>
        <FormattedMessage id="me.withdraw.open" />
      </Button>
      <Dialog
        ref={dialog}
        closeButton={intl.formatMessage({ id: 'me.withdraw.cancel' })}
        aria-labelledby="withdraw-dialog-heading"
        data-testid="withdraw-dialog"
      >
        <Dialog.Block>
          <Heading level={2} data-size="sm" id="withdraw-dialog-heading">
            <FormattedMessage id="me.withdraw.confirmHeading" />
          </Heading>
        </Dialog.Block>
        <Dialog.Block>
          <form className="me-card" onSubmit={submit} noValidate>
            <Paragraph data-testid="withdraw-what-stops">
              <FormattedMessage id="me.withdraw.whatStops" values={parties} />
            </Paragraph>
            <Paragraph>
              <FormattedMessage id="me.withdraw.held" />
            </Paragraph>
            <Textfield
              multiline
              rows={2}
              id="withdraw-reason"
              label={intl.formatMessage({ id: 'me.withdraw.reason' })}
              value={reason}
              maxLength={1000}
              onChange={(event) => setReason(event.target.value)}
            />
            {withdraw.error && <ProblemNotice error={withdraw.error} />}
            <div className="me-actions">
              <Button type="submit" data-color="danger" data-testid="withdraw-confirm" disabled={withdraw.isPending}>
                <FormattedMessage id="me.withdraw.confirm" />
              </Button>
              <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
                <FormattedMessage id="me.withdraw.cancel" />
              </Button>
            </div>
          </form>
        </Dialog.Block>
      </Dialog>
    </section>
  );
}
