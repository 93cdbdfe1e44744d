import { codeWords } from '../app/vocabulary';
import { Card, Heading, Spinner, Tag } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { answerOf, api } from '../app/api/client';
import { formatDate } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { agencyName, useAgencies } from '../app/agencies';
import { timeOf } from './queries';

/**
 * The consent a request relies on, as the hub recorded it: who may tell whom what and why, for how
 * long, and how it was given. The office may read it because it names the office; the read is
 * audited.
 */
export function ConsentSummary({ consentId }: { consentId: string }) {
  const intl = useIntl();
  const agencies = useAgencies().data;
  const consent = useQuery({
    queryKey: ['consent', consentId],
    queryFn: () =>
      answerOf(api.GET('/api/consents/{id}', { params: { path: { id: consentId } } })),
    staleTime: 60_000,
  });
  const data = consent.data;
  const from = timeOf(data?.validFrom);
  const until = timeOf(data?.validUntil);
  return (
    <Card data-testid="consent" className="exchange-consent">
      <Heading level={2} data-size="sm">
        <FormattedMessage id="exchange.consent.heading" />
      </Heading>
      {consent.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {consent.error && <ProblemNotice error={consent.error} />}
      {data && (
        <dl className="exchange-envelope">
          <dt>
            <FormattedMessage id="exchange.consent.status" />
          </dt>
          <dd>
            <Tag data-color={data.status === 'active' ? 'success' : 'warning'} data-testid="consent-status">
              {codeWords(intl, 'consentStatus', data.status)}
            </Tag>
          </dd>
          <dt>
            <FormattedMessage id="exchange.consent.flow" />
          </dt>
          <dd>
            <FormattedMessage
              id={data.direction === 'both-ways' ? 'exchange.consent.bothWays' : 'exchange.consent.oneWay'}
              values={{
                from: <bdi>{agencyName(agencies, data.disclosingAgency)}</bdi>,
                to: <bdi>{agencyName(agencies, data.receivingAgency)}</bdi>,
              }}
            />
          </dd>
          <dt>
            <FormattedMessage id="exchange.consent.categories" />
          </dt>
          <dd>{(data.categories ?? []).map((c) => codeWords(intl, 'category', c)).join(', ')}</dd>
          <dt>
            <FormattedMessage id="exchange.consent.purpose" />
          </dt>
          <dd>{codeWords(intl, 'purpose', data.purpose)}</dd>
          <dt>
            <FormattedMessage id="exchange.consent.valid" />
          </dt>
          <dd>
            {from && <span className="ltr">{formatDate(from, intl.locale)}</span>}
            {' – '}
            {until && <span className="ltr">{formatDate(until, intl.locale)}</span>}
          </dd>
          <dt>
            <FormattedMessage id="exchange.consent.evidence" />
          </dt>
          <dd>
            {codeWords(intl, 'collectionMethod', data.evidence?.collectionMethod)}
            {data.evidence?.interpreter && (
              <>
                {', '}
                <FormattedMessage
                  id="exchange.consent.interpreter"
                  values={{ identity: <bdi>{data.evidence.interpreter.identity}</bdi> }}
                />
              </>
            )}
          </dd>
          <dt>
            <FormattedMessage id="exchange.consent.id" />
          </dt>
          <dd>
            <span className="ltr">{data.id}</span>
          </dd>
        </dl>
      )}
    </Card>
  );
}
