import { Button, Heading, Link, Paragraph, Spinner, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink, useParams } from 'react-router';
import { answerOf, api } from '../app/api/client';
import { formatDate } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { ConsentList } from '../consent/ConsentList';
import { AccessLogSection } from './AccessLogSection';
import './people.css';
import { fullName, type PersonView } from './person';

async function person(id: string): Promise<PersonView> {
  return (await answerOf(
    api.GET('/api/participants/{id}', { params: { path: { id } } }),
  )) as unknown as PersonView;
}

/**
 * A participant's page: who they are, their children or guardians, their consents, and their
 * access log. Their conversations and plan are on the messages and plans pages, linked from here.
 */
export function PersonPage() {
  const intl = useIntl();
  const id = useParams().id ?? '';
  const subject = useQuery({ queryKey: ['participant', id], queryFn: () => person(id) });

  if (subject.isPending) {
    return <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />;
  }
  if (subject.error) {
    return <ProblemNotice error={subject.error} />;
  }
  const participant = subject.data;
  if (participant.erasedAt) {
    // Nothing but the access log is left to show (ADR 0035).
    return (
      <>
        <Heading level={1} data-size="lg" data-testid="person-name">
          <FormattedMessage id="people.erased.heading" />
        </Heading>
        <Paragraph data-testid="person-erased">
          <FormattedMessage
            id="people.erased.text"
            values={{ date: formatDate(participant.erasedAt, intl.locale) }}
          />
        </Paragraph>
        <AccessLogSection subject={participant} />
      </>
    );
  }
  return (
    <>
      <Heading level={1} data-size="lg" data-testid="person-name">
        <bdi>{fullName(participant)}</bdi>
      </Heading>
      <Details person={participant} />
      {participant.child ? <Guardians child={participant} /> : <Children guardian={participant} />}
      <ConsentList subject={participant} />
      <section className="people-section" aria-labelledby="elsewhere-heading">
        <Heading level={2} data-size="md" id="elsewhere-heading">
          <FormattedMessage id="people.elsewhere.heading" />
        </Heading>
        <ul>
          <li>
            <Link asChild>
              <RouterLink to={`/exchange?subject=${encodeURIComponent(participant.id)}`}>
                <FormattedMessage id="people.elsewhere.conversations" />
              </RouterLink>
            </Link>
          </li>
          <li>
            <Link asChild>
              <RouterLink to={`/plans?subject=${encodeURIComponent(participant.id)}`}>
                <FormattedMessage id="people.elsewhere.plan" />
              </RouterLink>
            </Link>
          </li>
        </ul>
      </section>
      <AccessLogSection subject={participant} />
    </>
  );
}

function Details({ person: shown }: { person: PersonView }) {
  const intl = useIntl();
  return (
    <section className="people-section" aria-labelledby="details-heading">
      <Heading level={2} data-size="md" id="details-heading">
        <FormattedMessage id="people.details.heading" />
      </Heading>
      <dl className="people-details" data-testid="person-details">
        <dt>
          <FormattedMessage id="people.column.nationalId" />
        </dt>
        <dd>
          <span className="ltr">{shown.nationalId}</span>
        </dd>
        <dt>
          <FormattedMessage id="people.details.birthDate" />
        </dt>
        <dd>
          <span className="ltr">{formatDate(`${shown.birthDate}T12:00:00Z`, intl.locale)}</span>
        </dd>
        <dt>
          <FormattedMessage id="people.form.preferredLanguage" />
        </dt>
        <dd>
          {intl.messages[`people.language.${shown.preferredLanguage}`]
            ? intl.formatMessage({ id: `people.language.${shown.preferredLanguage}` })
            : shown.preferredLanguage}
        </dd>
        <dt>
          <FormattedMessage id="people.column.kind" />
        </dt>
        <dd>
          <FormattedMessage id={shown.child ? 'people.kind.child' : 'people.kind.adult'} />
        </dd>
      </dl>
    </section>
  );
}

function PeopleList({ people, testId }: { people: PersonView[]; testId: string }) {
  return (
    <ul data-testid={testId}>
      {people.map((shown) => (
        <li key={shown.id}>
          <Link asChild>
            <RouterLink to={`/people/${encodeURIComponent(shown.id)}`}>
              <bdi>{fullName(shown)}</bdi>
            </RouterLink>
          </Link>{' '}
          <span className="ltr">{shown.nationalId}</span>
        </li>
      ))}
    </ul>
  );
}

function Children({ guardian }: { guardian: PersonView }) {
  const intl = useIntl();
  const children = useQuery({
    queryKey: ['children', guardian.id],
    queryFn: async () =>
      (await answerOf(
        api.GET('/api/participants/{id}/children', { params: { path: { id: guardian.id } } }),
      )) as unknown as PersonView[],
  });
  return (
    <section className="people-section" aria-labelledby="children-heading">
      <Heading level={2} data-size="md" id="children-heading">
        <FormattedMessage id="people.children.heading" />
      </Heading>
      {children.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {children.error && <ProblemNotice error={children.error} />}
      {children.data && children.data.length === 0 && (
        <Paragraph>
          <FormattedMessage id="people.children.none" />
        </Paragraph>
      )}
      {children.data && children.data.length > 0 && (
        <PeopleList people={children.data} testId="children" />
      )}
      <Button asChild variant="secondary">
        <RouterLink to={`/people/new?guardian=${encodeURIComponent(guardian.id)}`}>
          <FormattedMessage id="people.children.register" />
        </RouterLink>
      </Button>
    </section>
  );
}

function Guardians({ child }: { child: PersonView }) {
  const intl = useIntl();
  const queries = useQueryClient();
  const guardians = useQueries({
    queries: child.guardianIds.map((guardianId) => ({
      queryKey: ['participant', guardianId],
      queryFn: () => person(guardianId),
    })),
  });
  const [number, setNumber] = useState('');
  const link = useMutation({
    mutationFn: async (nationalId: string) => {
      const found = (await answerOf(
        api.GET('/api/participants', { params: { query: { nationalId } } }),
      )) as unknown as PersonView;
      return answerOf(
        api.PUT('/api/participants/{childId}/guardians/{guardianId}', {
          params: { path: { childId: child.id, guardianId: found.id } },
        }),
      );
    },
    onSuccess: async () => {
      setNumber('');
      await queries.invalidateQueries({ queryKey: ['participant', child.id] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    link.mutate(number.replace(/\s+/g, ''));
  }

  const shown = guardians.flatMap((guardian) => (guardian.data ? [guardian.data] : []));
  const failed = guardians.find((guardian) => guardian.error)?.error;
  return (
    <section className="people-section" aria-labelledby="guardians-heading">
      <Heading level={2} data-size="md" id="guardians-heading">
        <FormattedMessage id="people.guardians.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="people.guardians.intro" />
      </Paragraph>
      {failed && <ProblemNotice error={failed} />}
      <PeopleList people={shown} testId="guardians" />
      <form className="people-search" onSubmit={submit}>
        <Textfield
          label={intl.formatMessage({ id: 'people.guardians.link.label' })}
          description={intl.formatMessage({ id: 'people.guardians.link.description' })}
          inputMode="numeric"
          autoComplete="off"
          value={number}
          onChange={(event) => setNumber(event.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={link.isPending || !number.trim()}>
          <FormattedMessage id="people.guardians.link.submit" />
        </Button>
      </form>
      {link.error && <ProblemNotice error={link.error} />}
    </section>
  );
}
