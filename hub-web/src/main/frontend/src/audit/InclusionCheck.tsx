import { Alert, Button, Details, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { answerOf, api } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { useHeldLogKey, useServedLogKey } from './logKey';
import {
  parseVerifierKey,
  ProofFailure,
  proveInclusion,
  type InclusionAnswer,
  type ProvenEntry,
} from './proof';

type Outcome =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'verified'; proven: ProvenEntry; keySource: 'held' | 'served' }
  | { state: 'failed'; failure: ProofFailure }
  | { state: 'unreachable'; error: unknown };

/**
 * "Prove it is in the log": the browser fetches the entry's inclusion proof and the checkpoint it
 * leads to, and checks both itself with Web Crypto against the log key the auditor holds (or, if
 * she gives none, the one the hub serves, whose key ID she can compare with hers).
 */
export function InclusionCheck({ seq, entryHash }: { seq: number; entryHash?: string }) {
  const intl = useIntl();
  const served = useServedLogKey();
  const [held, setHeld] = useHeldLogKey();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const [servedKeyId, setServedKeyId] = useState<string>();

  async function prove() {
    setOutcome({ state: 'checking' });
    let answer: InclusionAnswer;
    try {
      answer = (await answerOf(
        api.GET('/api/audit/proofs/inclusion', { params: { query: { seq } } }),
      )) as InclusionAnswer;
    } catch (error) {
      setOutcome({ state: 'unreachable', error });
      return;
    }
    try {
      const keySource = held.trim() ? 'held' : 'served';
      const key = await parseVerifierKey(keySource === 'held' ? held : (served.data ?? ''));
      if (served.data) {
        setServedKeyId((await parseVerifierKey(served.data).catch(() => undefined))?.keyId);
      }
      const proven = await proveInclusion(seq, answer, key, entryHash);
      setOutcome({ state: 'verified', proven, keySource });
    } catch (error) {
      setOutcome({
        state: 'failed',
        failure:
          error instanceof ProofFailure ? error : new ProofFailure('note-malformed', String(error)),
      });
    }
  }

  const heldDiffers = held.trim() !== '' && served.data !== undefined && held.trim() !== served.data;

  return (
    <section aria-labelledby="audit-proof-heading" className="audit-section">
      <Heading level={2} data-size="md" id="audit-proof-heading">
        <FormattedMessage id="audit.proof.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="audit.proof.intro" />
      </Paragraph>
      <Paragraph>
        <FormattedMessage
          id="audit.proof.servedKey"
          values={{ key: <span className="ltr" data-testid="proof-served-key">{served.data ?? '…'}</span> }}
        />
      </Paragraph>
      <Textfield
        id="audit-held-key"
        label={intl.formatMessage({ id: 'audit.proof.heldKey' })}
        description={intl.formatMessage({ id: 'audit.proof.heldKey.hint' })}
        value={held}
        dir="ltr"
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setHeld(e.target.value)}
      />
      {heldDiffers && (
        <Alert data-color="warning">
          <FormattedMessage id="audit.proof.keysDiffer" />
        </Alert>
      )}
      <Button onClick={prove} disabled={outcome.state === 'checking'}>
        <FormattedMessage id="audit.proof.button" />
      </Button>
      <div aria-live="polite" data-testid="proof-result">
        {outcome.state === 'checking' && (
          <Paragraph>
            <FormattedMessage id="audit.proof.checking" />
          </Paragraph>
        )}
        {outcome.state === 'verified' && (
          <Alert data-color="success">
            <Heading level={3} data-size="xs">
              <FormattedMessage id="audit.proof.verified" values={{ seq }} />
            </Heading>
            <Paragraph>
              <FormattedMessage
                id="audit.proof.verifiedDetail"
                values={{
                  seq,
                  size: outcome.proven.checkpoint.size,
                  time: (
                    <span className="ltr">
                      {outcome.proven.checkpoint.time
                        ? formatDateTime(outcome.proven.checkpoint.time, intl.locale)
                        : '–'}
                    </span>
                  ),
                  key: (
                    <span className="ltr">
                      {outcome.proven.key.name}+{outcome.proven.key.keyId}
                    </span>
                  ),
                }}
              />
            </Paragraph>
            <Paragraph>
              {outcome.keySource === 'held' ? (
                <FormattedMessage id="audit.proof.checkedWithHeldKey" />
              ) : (
                <FormattedMessage
                  id="audit.proof.checkedWithServedKey"
                  values={{ keyId: <span className="ltr">{servedKeyId ?? outcome.proven.key.keyId}</span> }}
                />
              )}
            </Paragraph>
            <Details>
              <Details.Summary>
                <FormattedMessage id="audit.proof.entryAsLogged" />
              </Details.Summary>
              <Details.Content>
                <pre className="audit-note">{outcome.proven.entryText}</pre>
              </Details.Content>
            </Details>
          </Alert>
        )}
        {outcome.state === 'failed' && (
          <Alert data-color="danger">
            <Heading level={3} data-size="xs">
              <FormattedMessage id="audit.proof.failed" values={{ seq }} />
            </Heading>
            <Paragraph>
              <FormattedMessage id={`audit.proof.failure.${outcome.failure.code}`} />
            </Paragraph>
            <Paragraph>
              <FormattedMessage id="audit.proof.failedNext" />
            </Paragraph>
            <Details>
              <Details.Summary>
                <FormattedMessage id="audit.proof.failedDetail" />
              </Details.Summary>
              <Details.Content lang="en">{outcome.failure.message}</Details.Content>
            </Details>
          </Alert>
        )}
        {outcome.state === 'unreachable' && <ProblemNotice error={outcome.error} />}
      </div>
      <Details>
        <Details.Summary>
          <FormattedMessage id="audit.proof.whatItProves" />
        </Details.Summary>
        <Details.Content>
          <Paragraph>
            <FormattedMessage id="audit.proof.proves" values={{ seq }} />
          </Paragraph>
          <Paragraph>
            <FormattedMessage id="audit.proof.doesNotProve" />
          </Paragraph>
        </Details.Content>
      </Details>
    </section>
  );
}
