import { Details, Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { answerOf, api } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { useAuditorsLog, useServedLogKey } from './logKey';

/**
 * The log's state: the hub's own integrity check, its latest signed checkpoint with the RFC 3161
 * time, the log's key ID, and the witnesses that cosign it. All of it is the hub's word; the entry
 * page proves an entry against a checkpoint without it.
 */
export function LogStatus() {
  const intl = useIntl();
  const integrity = useQuery({
    queryKey: ['audit-integrity'],
    queryFn: () => answerOf(api.GET('/api/audit/integrity')),
  });
  const latest = useQuery({
    queryKey: ['audit-checkpoint-latest'],
    queryFn: () => answerOf(api.GET('/api/audit/checkpoints/latest')),
  });
  const witnesses = useQuery({
    queryKey: ['audit-witnesses'],
    queryFn: () => answerOf(api.GET('/api/audit/witnesses')),
  });
  const key = useServedLogKey();
  const log = useAuditorsLog();
  const when = (value: unknown) =>
    typeof value === 'string' ? formatDateTime(value, intl.locale) : '';

  return (
    <section aria-labelledby="audit-log-heading" className="audit-section" data-testid="log-status">
      <Heading level={2} data-size="md" id="audit-log-heading" data-testid="log-name">
        {log.data?.municipality ? (
          <FormattedMessage
            id="audit.log.headingMunicipality"
            values={{ municipality: log.data.municipality }}
          />
        ) : log.data ? (
          <FormattedMessage id="audit.log.headingHub" />
        ) : (
          <FormattedMessage id="audit.log.heading" />
        )}
      </Heading>
      {log.error && <ProblemNotice error={log.error} />}
      {log.data && (
        <Paragraph data-testid="log-which">
          <FormattedMessage
            id="audit.log.which"
            values={{ origin: <span className="ltr">{log.data.origin}</span> }}
          />
        </Paragraph>
      )}
      {integrity.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {integrity.error && <ProblemNotice error={integrity.error} />}
      {integrity.data && (
        <Paragraph data-testid="log-integrity">
          {integrity.data.intact ? (
            <Tag data-color="success">
              <FormattedMessage id="audit.log.intact" />
            </Tag>
          ) : (
            <Tag data-color="danger">
              <FormattedMessage id="audit.log.broken" />
            </Tag>
          )}{' '}
          {integrity.data.intact ? (
            <FormattedMessage id="audit.log.intactExplained" />
          ) : (
            <FormattedMessage
              id="audit.log.brokenExplained"
              values={{ problem: <span lang="en">{integrity.data.problem}</span> }}
            />
          )}
        </Paragraph>
      )}
      {latest.error && <ProblemNotice error={latest.error} />}
      {latest.data && (
        <dl className="audit-facts" data-testid="log-checkpoint">
          <dt>
            <FormattedMessage id="audit.log.treeSize" />
          </dt>
          <dd>
            <span className="ltr">{latest.data.treeSize}</span>
          </dd>
          <dt>
            <FormattedMessage id="audit.log.signedAt" />
          </dt>
          <dd>
            <span className="ltr">{when(latest.data.madeAt)}</span>
          </dd>
          <dt>
            <FormattedMessage id="audit.log.timestamped" />
          </dt>
          <dd>
            {latest.data.timestampedAt ? (
              <span className="ltr">{when(latest.data.timestampedAt)}</span>
            ) : (
              <FormattedMessage id="audit.log.notTimestamped" />
            )}
          </dd>
          <dt>
            <FormattedMessage id="audit.log.key" />
          </dt>
          <dd>
            <span className="ltr" data-testid="log-key-served">
              {key.data ?? ''}
            </span>
          </dd>
          <dt>
            <FormattedMessage id="audit.log.witnesses" />
          </dt>
          <dd>
            {witnesses.data && witnesses.data.length === 0 && (
              <FormattedMessage id="audit.log.noWitnesses" />
            )}
            {witnesses.data?.map((witness) => (
              <span key={witness.verifierKey} className="ltr audit-witness">
                {witness.name}+{witness.keyId}
                {witness.development && (
                  <>
                    {' '}
                    <Tag data-color="warning">
                      <FormattedMessage id="audit.log.developmentWitness" />
                    </Tag>
                  </>
                )}
              </span>
            ))}
          </dd>
        </dl>
      )}
      {latest.data?.signedNote && (
        <Details>
          <Details.Summary>
            <FormattedMessage id="audit.log.note" />
          </Details.Summary>
          <Details.Content>
            <pre className="audit-note">{latest.data.signedNote}</pre>
          </Details.Content>
        </Details>
      )}
    </section>
  );
}
