import {
  Button,
  ErrorSummary,
  Field,
  Heading,
  Label,
  Link,
  Paragraph,
  Select,
  Spinner,
  Table,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { LogStatus } from './LogStatus';
import { OutcomeTag, useAgencyNames } from './names';
import {
  addressOf,
  csvAddress,
  hubQuery,
  OUTCOMES,
  PAGE_SIZE,
  searchFromAddress,
  searchProblems,
  type AuditSearch,
} from './search';
import './audit.css';

/**
 * The auditor's search of the log (J7): by person, agency, user, action, outcome and days, a page
 * at a time, with the CSV of the same search and the verifiable export of the whole log to
 * download, and the log's own state beside it.
 */
export function AuditSearchPage() {
  const intl = useIntl();
  const [address, setAddress] = useSearchParams();
  const search = searchFromAddress(address);
  const [draft, setDraft] = useState<AuditSearch>(search);
  const [problems, setProblems] = useState<ReturnType<typeof searchProblems>>([]);
  const agencies = useAgencyNames();

  const results = useQuery({
    queryKey: ['audit-entries', address.toString()],
    queryFn: () => answerOf(api.GET('/api/audit/entries', { params: { query: hubQuery(search) } })),
    enabled: searchProblems(search).length === 0,
    placeholderData: keepPreviousData,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = searchProblems(draft);
    setProblems(found);
    if (found.length === 0) {
      setAddress(addressOf({ ...draft, page: 0 }));
    }
  }

  function goTo(page: number) {
    setAddress(addressOf({ ...search, page }));
  }

  const set = (field: keyof Omit<AuditSearch, 'page'>) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const errorOf = (field: string) => {
    const problem = problems.find((p) => p.field === field);
    return problem ? intl.formatMessage({ id: problem.message }) : undefined;
  };
  const entries = results.data?.entries ?? [];

  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="audit.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="audit.intro" />
      </Paragraph>

      <LogStatus />

      <section aria-labelledby="audit-search-heading">
        <Heading level={2} data-size="md" id="audit-search-heading">
          <FormattedMessage id="audit.search.heading" />
        </Heading>
        {problems.length > 0 && (
          <ErrorSummary>
            <ErrorSummary.Heading>
              <FormattedMessage id="audit.search.error.heading" />
            </ErrorSummary.Heading>
            <ErrorSummary.List>
              {problems.map((problem) => (
                <ErrorSummary.Item key={problem.field}>
                  <ErrorSummary.Link href={`#audit-${problem.field}`}>
                    {intl.formatMessage({ id: problem.message })}
                  </ErrorSummary.Link>
                </ErrorSummary.Item>
              ))}
            </ErrorSummary.List>
          </ErrorSummary>
        )}
        <form className="audit-search" onSubmit={submit} role="search">
          <Textfield
            id="audit-person"
            label={intl.formatMessage({ id: 'audit.search.person' })}
            description={intl.formatMessage({ id: 'audit.search.person.hint' })}
            value={draft.person}
            onChange={(e) => set('person')(e.target.value)}
          />
          <Field>
            <Label htmlFor="audit-agency">
              <FormattedMessage id="audit.search.agency" />
            </Label>
            <Select
              id="audit-agency"
              value={draft.agency}
              onChange={(e) => set('agency')(e.target.value)}
            >
              <option value="">{intl.formatMessage({ id: 'audit.search.any' })}</option>
              {agencies.list.map((agency) => (
                <option key={agency.orgNumber} value={agency.orgNumber}>
                  {agency.name}
                </option>
              ))}
            </Select>
          </Field>
          <Textfield
            id="audit-user"
            label={intl.formatMessage({ id: 'audit.search.user' })}
            description={intl.formatMessage({ id: 'audit.search.user.hint' })}
            value={draft.user}
            onChange={(e) => set('user')(e.target.value)}
          />
          <Textfield
            id="audit-action"
            label={intl.formatMessage({ id: 'audit.search.action' })}
            description={intl.formatMessage({ id: 'audit.search.action.hint' })}
            value={draft.action}
            onChange={(e) => set('action')(e.target.value)}
          />
          <Field>
            <Label htmlFor="audit-outcome">
              <FormattedMessage id="audit.search.outcome" />
            </Label>
            <Select
              id="audit-outcome"
              value={draft.outcome}
              onChange={(e) => set('outcome')(e.target.value)}
            >
              <option value="">{intl.formatMessage({ id: 'audit.search.any' })}</option>
              {OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {intl.formatMessage({ id: `audit.outcome.${outcome}` })}
                </option>
              ))}
            </Select>
          </Field>
          <Textfield
            id="audit-from"
            type="date"
            label={intl.formatMessage({ id: 'audit.search.from' })}
            value={draft.from}
            error={errorOf('from')}
            onChange={(e) => set('from')(e.target.value)}
          />
          <Textfield
            id="audit-until"
            type="date"
            label={intl.formatMessage({ id: 'audit.search.until' })}
            value={draft.until}
            error={errorOf('until')}
            onChange={(e) => set('until')(e.target.value)}
          />
          <div className="audit-search__actions">
            <Button type="submit">
              <FormattedMessage id="audit.search.submit" />
            </Button>
          </div>
        </form>
      </section>

      <section aria-labelledby="audit-results-heading">
        <Heading level={2} data-size="md" id="audit-results-heading">
          <FormattedMessage id="audit.results.heading" />
        </Heading>
        <Paragraph className="audit-downloads">
          <Link href={csvAddress(search)} download="audit-entries.csv">
            <FormattedMessage id="audit.download.csv" />
          </Link>
          <Link href="/api/audit/export" download="audit-export.zip">
            <FormattedMessage id="audit.download.export" />
          </Link>
        </Paragraph>
        <Paragraph data-size="sm">
          <FormattedMessage id="audit.download.exportHint" />
        </Paragraph>
        {results.isPending && results.fetchStatus !== 'idle' && (
          <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />
        )}
        {results.error && <ProblemNotice error={results.error} />}
        {results.data && entries.length === 0 && (
          <Paragraph>
            <FormattedMessage id="audit.results.none" />
          </Paragraph>
        )}
        {entries.length > 0 && (
          <Table data-testid="audit-results" zebra>
            <caption>
              <FormattedMessage
                id="audit.results.caption"
                values={{
                  first: search.page * PAGE_SIZE + 1,
                  last: search.page * PAGE_SIZE + entries.length,
                }}
              />
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>
                  <FormattedMessage id="audit.column.seq" />
                </Table.HeaderCell>
                <Table.HeaderCell>
                  <FormattedMessage id="audit.column.when" />
                </Table.HeaderCell>
                <Table.HeaderCell>
                  <FormattedMessage id="audit.column.what" />
                </Table.HeaderCell>
                <Table.HeaderCell>
                  <FormattedMessage id="audit.column.outcome" />
                </Table.HeaderCell>
                <Table.HeaderCell>
                  <FormattedMessage id="audit.column.who" />
                </Table.HeaderCell>
                <Table.HeaderCell>
                  <FormattedMessage id="audit.column.agency" />
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {entries.map((entry) => (
                <Table.Row key={entry.seq}>
                  <Table.Cell>
                    <Link asChild>
                      <RouterLink
                        to={`/audit/entries/${entry.seq}`}
                        aria-label={intl.formatMessage(
                          { id: 'audit.results.open' },
                          { seq: entry.seq },
                        )}
                      >
                        <span className="ltr">{entry.seq}</span>
                      </RouterLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>
                    <span className="ltr">
                      {entry.recorded ? formatDateTime(entry.recorded, intl.locale) : ''}
                    </span>
                  </Table.Cell>
                  <Table.Cell>
                    <span className="ltr">{entry.type}</span>
                  </Table.Cell>
                  <Table.Cell>
                    <OutcomeTag outcome={entry.outcome} />
                  </Table.Cell>
                  <Table.Cell>
                    <bdi>{entry.agent?.who}</bdi>
                  </Table.Cell>
                  <Table.Cell>
                    <bdi>{agencies.nameOf(entry.agent?.agency)}</bdi>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {results.data && (search.page > 0 || results.data.hasMore) && (
          <nav
            className="audit-paging"
            aria-label={intl.formatMessage({ id: 'audit.paging.label' })}
          >
            <Button
              variant="secondary"
              disabled={search.page === 0}
              onClick={() => goTo(search.page - 1)}
            >
              <FormattedMessage id="audit.paging.previous" />
            </Button>
            <Tag data-color="neutral">
              <FormattedMessage id="audit.paging.page" values={{ page: search.page + 1 }} />
            </Tag>
            <Button
              variant="secondary"
              disabled={!results.data.hasMore}
              onClick={() => goTo(search.page + 1)}
            >
              <FormattedMessage id="audit.paging.next" />
            </Button>
          </nav>
        )}
      </section>
    </>
  );
}
