import { Heading, Paragraph, Spinner, Table } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { answerOf, api, type Schemas } from '../app/api/client';
import { ProblemNotice } from '../app/ProblemNotice';

/**
 * The hub's document describes this answer with a schema of the wrong name (two records are called
 * PageView), so the page names the shape it reads; the participants themselves are PersonView.
 */
interface RegisterPage {
  participants: Schemas['PersonView'][];
  hasMore: boolean;
}

/** The caseworker's register: a first page of participants, until the people screens come. */
export function PeoplePage() {
  const intl = useIntl();
  const register = useQuery({
    queryKey: ['participants', 0],
    queryFn: async () =>
      (await answerOf(
        api.GET('/api/participants', { params: { query: { page: '0', size: '50' } } }),
      )) as unknown as RegisterPage,
  });
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="people.heading" />
      </Heading>
      {register.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {register.error && <ProblemNotice error={register.error} />}
      {register.data && register.data.participants.length === 0 && (
        <Paragraph>
          <FormattedMessage id="people.none" />
        </Paragraph>
      )}
      {register.data && register.data.participants.length > 0 && (
        <Table data-testid="register">
          <caption>
            <FormattedMessage id="people.register" />
          </caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>
                <FormattedMessage id="people.column.name" />
              </Table.HeaderCell>
              <Table.HeaderCell>
                <FormattedMessage id="people.column.nationalId" />
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {register.data.participants.map((person) => (
              <Table.Row key={person.id}>
                <Table.Cell>
                  <bdi>
                    {person.givenName} {person.familyName}
                  </bdi>
                </Table.Cell>
                <Table.Cell>
                  <span className="ltr">{person.nationalId}</span>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <Paragraph>
        <FormattedMessage id="placeholder.notBuiltYet" />
      </Paragraph>
    </>
  );
}
