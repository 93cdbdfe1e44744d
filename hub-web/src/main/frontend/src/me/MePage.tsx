import { Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink, useOutletContext } from 'react-router';
import { formatDate } from '../app/format';
import { NotFoundPage } from '../app/NotFoundPage';
import type { ActsFor, PersonContext } from './me';

/**
 * The person's first page: who they are, and whom they act for (Designsystemet's Representation
 * pattern: a guardian acting for a child, why, and until when), each with a way to their
 * information. The list is the hub's answer; the page decides none of it.
 */
export function MePage() {
  const { me } = useOutletContext<PersonContext | undefined>() ?? {};
  if (!me) {
    return <NotFoundPage />;
  }
  if (!me.person) {
    return (
      <>
        <Heading level={1} data-size="lg">
          <FormattedMessage id="me.nothing.heading" />
        </Heading>
        <Paragraph data-testid="nothing-held">
          <FormattedMessage id="me.nothing.body" />
        </Paragraph>
      </>
    );
  }
  const people = me.actsFor ?? [];
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="me.home.heading" values={{ name: <bdi>{me.person.name}</bdi> }} />
      </Heading>
      <Paragraph>
        <FormattedMessage id="me.home.intro" />
      </Paragraph>
      <section className="me-section" aria-labelledby="acts-for-heading">
        <Heading level={2} data-size="md" id="acts-for-heading">
          <FormattedMessage id="me.actsFor.heading" />
        </Heading>
        <ul className="me-cards" data-testid="acts-for">
          {people.map((person) => (
            <li key={person.id}>
              <Representation person={person} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Representation({ person }: { person: ActsFor }) {
  const intl = useIntl();
  const self = person.relation === 'self';
  return (
    <Card className="me-card" data-testid={`acts-for-${person.id}`} data-color="neutral">
      <Heading level={3} data-size="sm">
        {self ? <FormattedMessage id="me.actsFor.self" /> : <bdi>{person.name}</bdi>}
      </Heading>
      {!self && (
        <>
          <Tag data-color="info">
            <FormattedMessage id="me.actsFor.childTag" />
          </Tag>
          <Paragraph>
            <FormattedMessage id="me.actsFor.why" values={{ name: <bdi>{person.name}</bdi> }} />
          </Paragraph>
          {person.until && (
            <Paragraph>
              <FormattedMessage
                id="me.actsFor.until"
                values={{ date: <bdi>{formatDate(person.until, intl.locale)}</bdi> }}
              />
            </Paragraph>
          )}
        </>
      )}
      {person.birthDate && (
        <Paragraph data-size="sm">
          <FormattedMessage
            id="me.actsFor.born"
            values={{ date: <bdi>{formatDate(person.birthDate, intl.locale)}</bdi> }}
          />
        </Paragraph>
      )}
      <Link asChild>
        <RouterLink to={`/me/${encodeURIComponent(person.id)}`} data-testid="open-person">
          {self ? (
            <FormattedMessage id="me.actsFor.openSelf" />
          ) : (
            <FormattedMessage id="me.actsFor.openChild" values={{ name: <bdi>{person.name}</bdi> }} />
          )}
        </RouterLink>
      </Link>
    </Card>
  );
}
