import { codeWords } from '../app/vocabulary';
import { Alert, Heading, Link, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { FormattedMessage, useIntl } from 'react-intl';
import { NavLink } from 'react-router';
import { formatDate } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { agencyName, useAgencies } from '../app/agencies';
import { type CoverageView, timeOf } from './queries';


/** The refusals a coverage check names, which the problem catalogue words already. */
const REFUSALS = [
  'no-consent',
  'consent-withdrawn',
  'consent-expired',
  'consent-not-yet-valid',
  'awaiting-confirmation',
  'awaiting-guardians',
  'health-data-not-allowed',
];

/**
 * The hub's answer to "would a consent cover this draft?": the consent it would rely on, or why
 * none does, the person's consents that come closest and how each falls short, and the consent
 * that would cover it. The screen decides none of this.
 */
export function CoverageNotice({
  coverage,
  pending,
  error,
}: {
  coverage: CoverageView | undefined;
  pending: boolean;
  error: unknown;
}) {
  const intl = useIntl();
  const agencies = useAgencies().data;
  if (error) {
    return <ProblemNotice error={error} />;
  }
  if (pending || !coverage) {
    return <Spinner aria-label={intl.formatMessage({ id: 'exchange.coverage.checking' })} />;
  }
  if (coverage.covered) {
    return (
      <Alert data-color="success" data-testid="coverage" data-covered="true">
        <Heading level={3} data-size="xs">
          <FormattedMessage id="exchange.coverage.covered" />
        </Heading>
        <Paragraph>
          <FormattedMessage
            id="exchange.coverage.reliesOn"
            values={{ consent: <span className="ltr">{coverage.consentId}</span> }}
          />
        </Paragraph>
      </Alert>
    );
  }
  const refusal = REFUSALS.includes(coverage.refusal ?? '') ? coverage.refusal : 'no-consent';
  const proposal = coverage.consentToRecord;
  return (
    <Alert data-color="warning" data-testid="coverage" data-covered="false">
      <Heading level={3} data-size="xs">
        <FormattedMessage id="exchange.coverage.notCovered" />
      </Heading>
      <Paragraph data-testid="coverage-why">
        <FormattedMessage id={`problem.${refusal}.what`} />
      </Paragraph>
      {coverage.explanation && (
        <Paragraph data-size="sm">
          <FormattedMessage
            id="exchange.coverage.hubSays"
            values={{ words: <span lang="en">{coverage.explanation}</span> }}
          />
        </Paragraph>
      )}
      {coverage.closest && coverage.closest.length > 0 && (
        <>
          <Paragraph>
            <FormattedMessage id="exchange.coverage.closest" />
          </Paragraph>
          <ul data-testid="near-misses">
            {coverage.closest.map((miss) => {
              const until = timeOf(miss.consent?.validUntil);
              return (
                <li key={miss.consent?.id} data-testid="near-miss">
                  <FormattedMessage
                    id="exchange.coverage.nearMiss"
                    values={{
                      consent: <span className="ltr">{miss.consent?.id}</span>,
                      purpose: codeWords(intl, 'purpose', miss.consent?.purpose),
                      categories: (miss.consent?.categories ?? [])
                        .map((code) => codeWords(intl, 'category', code))
                        .join(', '),
                    }}
                  />
                  {until && (
                    <>
                      {' '}
                      <FormattedMessage
                        id="exchange.coverage.validUntil"
                        values={{ date: <span className="ltr">{formatDate(until, intl.locale)}</span> }}
                      />
                    </>
                  )}
                  <ul>
                    {(miss.differences ?? []).map((difference) => (
                      <li key={difference} data-testid="difference" data-difference={difference}>
                        {codeWords(intl, 'difference', difference)}
                      </li>
                    ))}
                  </ul>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {proposal && (
        <Paragraph data-testid="consent-to-record">
          <FormattedMessage
            id="exchange.coverage.wouldCover"
            values={{
              from: <bdi>{agencyName(agencies, proposal.disclosingAgency)}</bdi>,
              to: <bdi>{agencyName(agencies, proposal.receivingAgency)}</bdi>,
              categories: (proposal.categories ?? [])
                .map((code) => codeWords(intl, 'category', code))
                .join(', '),
              purpose: codeWords(intl, 'purpose', proposal.purpose),
            }}
          />{' '}
          {proposal.subjectId && (
            <Link asChild>
              <NavLink to={`/consent/new?subject=${encodeURIComponent(proposal.subjectId)}`}>
                <FormattedMessage id="exchange.coverage.recordIt" />
              </NavLink>
            </Link>
          )}
        </Paragraph>
      )}
      {!proposal && coverage.refusal === 'health-data-not-allowed' && (
        <Paragraph>
          <FormattedMessage id="problem.health-data-not-allowed.next" />
        </Paragraph>
      )}
    </Alert>
  );
}
