import { Heading, Link, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink, useParams } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { InclusionCheck } from './InclusionCheck';
import { OutcomeTag, useAgencyNames } from './names';
import './audit.css';

/**
 * One entry of the log: who, at which agency, did what, when, why (the purpose and the consent
 * relied on) and with what outcome, and the check in the browser that it is in the log.
 */
export function AuditEntryPage() {
  const intl = useIntl();
  const seq = Number(useParams().seq);
  const agencies = useAgencyNames();
  const entry = useQuery({
    queryKey: ['audit-entry', seq],
    queryFn: () =>
      answerOf(api.GET('/api/audit/entries/{seq}', { params: { path: { seq } } })),
    enabled: Number.isSafeInteger(seq) && seq > 0,
  });
  const data = entry.data;
  const agency = (orgNumber: string | undefined) =>
    orgNumber ? (
      <>
        <bdi>{agencies.nameOf(orgNumber)}</bdi> (<span className="ltr">{orgNumber}</span>)
      </>
    ) : null;

  return (
    <>
      <Paragraph>
        <Link asChild>
          <RouterLink to="/audit">
            <FormattedMessage id="audit.entry.back" />
          </RouterLink>
        </Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="audit.entry.heading" values={{ seq: <span className="ltr">{seq}</span> }} />
      </Heading>
      {entry.isPending && entry.fetchStatus !== 'idle' && (
        <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />
      )}
      {entry.error && <ProblemNotice error={entry.error} />}
      {data && (
        <dl className="audit-facts" data-testid="audit-entry">
          <Fact label="audit.entry.who">
            <bdi>{data.agent?.who}</bdi>
            {data.agent?.role && (
              <>
                {' '}
                (
                {intl.formatMessage({
                  id: `role.${data.agent.role}`,
                  defaultMessage: data.agent.role,
                })}
                )
              </>
            )}
          </Fact>
          <Fact label="audit.entry.agency">{agency(data.agent?.agency)}</Fact>
          <Fact label="audit.entry.what">
            <span className="ltr">{data.type}</span>
          </Fact>
          <Fact label="audit.entry.when">
            <span className="ltr">{data.recorded ? formatDateTime(data.recorded, intl.locale) : ''}</span>
          </Fact>
          <Fact label="audit.entry.outcome">
            <OutcomeTag outcome={data.outcome} />
            {data.decision && (
              <>
                {' '}
                <Tag data-color={data.decision === 'permit' ? 'success' : 'danger'}>
                  <FormattedMessage id={`audit.entry.decision.${data.decision}`} />
                </Tag>
              </>
            )}
          </Fact>
          <Fact label="audit.entry.purpose">
            {data.why?.purposeOfEvent ? (
              <span className="ltr">{data.why.purposeOfEvent}</span>
            ) : (
              <FormattedMessage id="audit.entry.none" />
            )}
          </Fact>
          <Fact label="audit.entry.consent">
            {data.why?.consent ? (
              <span className="ltr">{data.why.consent}</span>
            ) : (
              <FormattedMessage id="audit.entry.none" />
            )}
          </Fact>
          {data.subject && (
            <Fact label="audit.entry.person">
              <Link asChild>
                <RouterLink to={`/audit?person=${encodeURIComponent(data.subject)}`}>
                  <span className="ltr">{data.subject}</span>
                </RouterLink>
              </Link>
            </Fact>
          )}
          {data.flow && (
            <Fact label="audit.entry.flow">
              <FormattedMessage
                id="audit.entry.flowText"
                values={{
                  from: agency(data.flow.from) ?? '–',
                  to: agency(data.flow.to) ?? '–',
                  category: <span className="ltr">{data.flow.category ?? '–'}</span>,
                }}
              />
            </Fact>
          )}
          {data.reason && (
            <Fact label="audit.entry.reason">
              <span lang="en">{data.reason}</span>
            </Fact>
          )}
          {data.note && (
            <Fact label="audit.entry.note">
              {data.note.erasedAt ? (
                <FormattedMessage
                  id="audit.entry.noteErased"
                  values={{ date: formatDateTime(data.note.erasedAt, intl.locale) }}
                />
              ) : data.note.altered ? (
                <FormattedMessage
                  id="audit.entry.noteAltered"
                  values={{ problem: <span lang="en">{data.note.altered}</span> }}
                />
              ) : (
                // What a person wrote, in whatever language they wrote it.
                <bdi data-testid="audit-entry-note">{data.note.text}</bdi>
              )}
            </Fact>
          )}
          <Fact label="audit.entry.hash">
            <span className="ltr">{data.entryHash}</span>
          </Fact>
        </dl>
      )}
      {data && <InclusionCheck seq={seq} entryHash={data.entryHash} />}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>
        <FormattedMessage id={label} />
      </dt>
      <dd>{children}</dd>
    </>
  );
}
