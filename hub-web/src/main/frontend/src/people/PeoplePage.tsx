import { Button, Heading, Link, Paragraph, Spinner, Table, Textfield } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { answerOf, api, ApiProblem } from '../app/api/client';
import { ProblemNotice } from '../app/ProblemNotice';
import './people.css';
import { fullName, type PersonView, type RegisterPage } from './person';
import { queryParameters, registerQuery } from './search';

/**
 * The caseworker's register: participants and their children by name, a page at a time, searched
 * by name or national identity number. The search and the page are in the address, so that the
 * browser's back button returns to the same list.
 */
export function PeoplePage() {
  const intl = useIntl();
  const [address, setAddress] = useSearchParams();
  const searched = address.get('q') ?? '';
  const page = Math.max(0, Number(address.get('page') ?? '0') || 0);
  const [typed, setTyped] = useState(searched);
  const query = registerQuery(searched, page);

  const register = useQuery({
    queryKey: ['participants', query],
    queryFn: async (): Promise<RegisterPage> => {
      const answer = await answerOf(
        api.GET('/api/participants', { params: { query: queryParameters(query) } }),
      );
      if (query.kind === 'nationalId') {
        return { participants: [answer as unknown as PersonView], page: 0, size: 1, hasMore: false };
      }
      return answer as unknown as RegisterPage;
    },
  });
  const notFound =
    query.kind === 'nationalId' &&
    register.error instanceof ApiProblem &&
    register.error.status === 404;

  function search(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (typed.trim()) {
      next.set('q', typed.trim());
    }
    setAddress(next);
  }

  function goTo(nextPage: number) {
    const next = new URLSearchParams(address);
    next.set('page', String(nextPage));
    setAddress(next);
  }

  const people = register.data?.participants ?? [];
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="people.heading" />
      </Heading>
      <div className="people-actions">
        <Button asChild>
          <RouterLink to="/people/new">
            <FormattedMessage id="people.registerParticipant" />
          </RouterLink>
        </Button>
      </div>
      <form role="search" className="people-search" onSubmit={search}>
        <Textfield
          label={intl.formatMessage({ id: 'people.search.label' })}
          description={intl.formatMessage({ id: 'people.search.description' })}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
        />
        <Button type="submit" variant="secondary">
          <FormattedMessage id="people.search.button" />
        </Button>
      </form>
      {register.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {notFound && (
        <Paragraph data-testid="register-empty">
          <FormattedMessage id="people.search.noNumber" />
        </Paragraph>
      )}
      {register.error && !notFound && <ProblemNotice error={register.error} />}
      {register.data && people.length === 0 && (
        <Paragraph data-testid="register-empty">
          <FormattedMessage id={searched ? 'people.search.noneFound' : 'people.none'} />
        </Paragraph>
      )}
      {people.length > 0 && (
        <Table data-testid="register">
          <caption>
            {searched ? (
              <FormattedMessage id="people.register.searched" values={{ query: <bdi>{searched}</bdi> }} />
            ) : (
              <FormattedMessage id="people.register.page" values={{ page: page + 1 }} />
            )}
          </caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>
                <FormattedMessage id="people.column.name" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="people.column.nationalId" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="people.column.kind" />
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {people.map((person) => (
              <Table.Row key={person.id}>
                <Table.Cell>
                  <Link asChild>
                    <RouterLink to={`/people/${encodeURIComponent(person.id)}`}>
                      <bdi>{fullName(person)}</bdi>
                    </RouterLink>
                  </Link>
                </Table.Cell>
                <Table.Cell>
                  <span className="ltr">{person.nationalId}</span>
                </Table.Cell>
                <Table.Cell>
                  <FormattedMessage id={person.child ? 'people.kind.child' : 'people.kind.adult'} />
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {register.data && query.kind === 'page' && (page > 0 || register.data.hasMore) && (
        <nav className="people-pages" aria-label={intl.formatMessage({ id: 'people.pages.label' })}>
          <Button variant="tertiary" disabled={page === 0} onClick={() => goTo(page - 1)}>
            <FormattedMessage id="people.pages.previous" />
          </Button>
          <Button variant="tertiary" disabled={!register.data.hasMore} onClick={() => goTo(page + 1)}>
            <FormattedMessage id="people.pages.next" />
          </Button>
        </nav>
      )}
    </>
  );
}
