import { Heading, Link, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router';
import { agencyName, useAgencies } from '../app/agencies';
import { answerOf, api } from '../app/api/client';
import { formatDate } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { labelWords } from '../app/vocabulary';
import { fullName } from '../people/person';
import type { ConsentPerson, ConsentView } from './consent';
import { WithdrawalNotices } from './WithdrawalNotices';
import '../people/people.css';
import './consent.css';

/**
 * Consents belong to a person: they are recorded, read and withdrawn from the person's page. Here
 * the caseworker sees what waits across people: the consents the people withdrew themselves, and
 * the guardians' health consents that wait for a young person's confirmation.
 */
export function ConsentPage() {
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="consent.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="consent.intro" />
      </Paragraph>
      <Link asChild>
        <RouterLink to="/people">
          <FormattedMessage id="consent.form.toRegister" />
        </RouterLink>
      </Link>
      <WithdrawalNotices />
      <AwaitingConfirmation />
    </>
  );
}

async function person(id: string): Promise<ConsentPerson> {
  return (await answerOf(
    api.GET('/api/participants/{id}', { params: { path: { id } } }),
  )) as unknown as ConsentPerson;
}

/** The consents naming the caseworker's agency that wait for a young person's confirmation. */
function AwaitingConfirmation() {
  const intl = useIntl();
  const agencies = useAgencies();
  const waiting = useQuery({
    queryKey: ['consents-awaiting-confirmation'],
    queryFn: async () =>
      (await answerOf(api.GET('/api/consents/awaiting-confirmation'))) as unknown as ConsentView[],
  });
  const subjects = [...new Set((waiting.data ?? []).map((consent) => consent.subjectId))];
  const people = useQueries({
    queries: subjects.map((id) => ({ queryKey: ['participant', id], queryFn: () => person(id) })),
  });
  const personOf = (id: string) => people[subjects.indexOf(id)]?.data;

  return (
    <section className="people-section" aria-labelledby="awaiting-heading" data-testid="awaiting-confirmation">
      <Heading level={2} data-size="md" id="awaiting-heading">
        <FormattedMessage id="consent.waiting.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="consent.waiting.intro" />
      </Paragraph>
      {waiting.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {waiting.error && <ProblemNotice error={waiting.error} />}
      {waiting.data && waiting.data.length === 0 && (
        <Paragraph data-testid="awaiting-none">
          <FormattedMessage id="consent.waiting.none" />
        </Paragraph>
      )}
      {waiting.data && waiting.data.length > 0 && (
        <Table className="consent-table">
          <caption>
            <FormattedMessage id="consent.waiting.caption" />
          </caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>
                <FormattedMessage id="consent.waiting.column.person" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="consent.waiting.column.since" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="consent.list.column.flow" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="consent.list.column.what" />
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {waiting.data.map((consent) => {
              const subject = personOf(consent.subjectId);
              const name = subject ? fullName(subject) : consent.subjectId;
              return (
                <Table.Row key={consent.id} data-testid="awaiting-row" data-consent-id={consent.id}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink to={`/people/${encodeURIComponent(consent.subjectId)}`}>
                        <FormattedMessage id="consent.waiting.open" values={{ name: <bdi>{name}</bdi> }} />
                      </RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>
                    {subject?.consentAge && (
                      <span className="ltr">{formatDate(subject.consentAge.healthConsentFrom, intl.locale)}</span>
                    )}
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
                        <li key={category}>{labelWords(intl, 'category', category)}</li>
                      ))}
                    </ul>
                  </Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      )}
    </section>
  );
}
