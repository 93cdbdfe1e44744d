import { Alert, Card, Heading, Link, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { useQueries } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link as RouterLink, useOutletContext, useParams } from 'react-router';
import { formatDate } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { statusColour } from '../consent/status';
import type { ConsentView } from '../consent/consent';
import { fullName } from '../people/person';
import { HubText } from './HubText';
import { actingFor, inReadingOrder, readerFirst, type PersonContext, type Party, type PersonReceipt } from './me';
import { receiptQuery, useConsents, useParticipant } from './queries';

/**
 * The consents given by or for one person (the person signed in, or a child they act for), each
 * in one plain sentence, the hub's receipt summary, in the reader's language with the Norwegian
 * beside it; and the way to each receipt, to the access log and to the download.
 */
export function PersonPage() {
  const intl = useIntl();
  const { me } = useOutletContext<PersonContext | undefined>() ?? {};
  const id = useParams().personId ?? '';
  const subject = useParticipant(id);
  const consents = useConsents(id);
  const representation = me ? actingFor(me, id) : undefined;

  if (subject.isPending) {
    return <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />;
  }
  if (subject.error) {
    return (
      <>
        <Heading level={1} data-size="lg">
          <FormattedMessage id="me.person.notFound" />
        </Heading>
        <ProblemNotice error={subject.error} />
        <BackHome />
      </>
    );
  }
  const name = fullName(subject.data);
  const self = representation?.relation === 'self';
  return (
    <>
      <Heading level={1} data-size="lg" data-testid="person-heading">
        {self ? (
          <FormattedMessage id="me.person.headingSelf" />
        ) : (
          <FormattedMessage id="me.person.headingChild" values={{ name: <bdi>{name}</bdi> }} />
        )}
      </Heading>
      {!self && (
        <Alert data-color="info" data-testid="acting-for">
          <FormattedMessage id="me.person.actingFor" values={{ name: <bdi>{name}</bdi> }} />
        </Alert>
      )}
      <Paragraph>
        <FormattedMessage id="me.consents.intro" />
      </Paragraph>
      <nav className="me-actions" aria-label={intl.formatMessage({ id: 'me.person.more' })}>
        <Link asChild>
          <RouterLink to={`/me/${encodeURIComponent(id)}/access-log`}>
            <FormattedMessage id="me.accessLog.open" />
          </RouterLink>
        </Link>
        <Link asChild>
          <RouterLink to={`/me/${encodeURIComponent(id)}/export`}>
            <FormattedMessage id="me.export.open" />
          </RouterLink>
        </Link>
      </nav>
      <section className="me-section" aria-labelledby="consents-heading">
        <Heading level={2} data-size="md" id="consents-heading">
          <FormattedMessage id="me.consents.heading" />
        </Heading>
        {consents.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
        {consents.error && <ProblemNotice error={consents.error} />}
        {consents.data && consents.data.length === 0 && (
          <Paragraph data-testid="no-consents">
            <FormattedMessage id="me.consents.none" />
          </Paragraph>
        )}
        {consents.data && consents.data.length > 0 && (
          <Consents personId={id} consents={inReadingOrder(consents.data)} />
        )}
      </section>
      <BackHome />
    </>
  );
}

function Consents({ personId, consents }: { personId: string; consents: ConsentView[] }) {
  const intl = useIntl();
  const receipts = useQueries({
    queries: consents.map((consent) => receiptQuery(consent.id, intl.locale)),
  });
  return (
    <ul className="me-cards" data-testid="consents">
      {consents.map((consent, index) => {
        const receipt = receipts[index];
        return (
          <li key={consent.id}>
            <Card className="me-card" data-consent-id={consent.id} data-color="neutral">
              <Tag data-color={statusColour(consent.status)} data-testid="consent-status">
                <FormattedMessage id={`me.consent.status.${consent.status}`} />
              </Tag>
              {receipt?.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
              {receipt?.error && <ProblemNotice error={receipt.error} />}
              {receipt?.data && <Summary receipt={receipt.data} />}
              <Link asChild>
                <RouterLink
                  to={`/me/${encodeURIComponent(personId)}/consents/${encodeURIComponent(consent.id)}`}
                  data-testid="open-consent"
                >
                  {consent.status === 'active' ? (
                    <FormattedMessage id="me.consent.openActive" />
                  ) : (
                    <FormattedMessage id="me.consent.open" />
                  )}
                </RouterLink>
              </Link>
            </Card>
          </li>
        );
      })}
    </ul>
  );
}

/** What a consent allows, in the hub's words, and who tells whom, with their numbers. */
export function Summary({ receipt }: { receipt: PersonReceipt }) {
  const intl = useIntl();
  return (
    <>
      <Parties receipt={receipt} />
      {readerFirst(receipt.sections, intl.locale).map((section) => (
        <HubText
          key={section.language}
          language={section.language}
          direction={section.direction}
          reviewStatus={section.reviewStatus}
          reviewNote={section.reviewNote}
          reader={intl.locale}
          testId={`summary-${section.language}`}
        >
          <Paragraph data-testid="consent-summary">{section.summary}</Paragraph>
        </HubText>
      ))}
      {receipt.validUntil && (
        <Paragraph data-size="sm">
          <FormattedMessage
            id="me.consent.until"
            values={{ date: <bdi>{formatDate(receipt.validUntil, intl.locale)}</bdi> }}
          />
        </Paragraph>
      )}
    </>
  );
}

function Parties({ receipt }: { receipt: PersonReceipt }) {
  if (!receipt.disclosing || !receipt.receiving) {
    return null;
  }
  return (
    <dl className="me-parties">
      <dt>
        <FormattedMessage id="me.consent.tells" />
      </dt>
      <dd data-testid="party-disclosing">
        <PartyName party={receipt.disclosing} />
      </dd>
      <dt>
        <FormattedMessage id="me.consent.isTold" />
      </dt>
      <dd data-testid="party-receiving">
        <PartyName party={receipt.receiving} />
      </dd>
    </dl>
  );
}

/** An agency's name and its organisation number, each kept in its own direction. */
export function PartyName({ party }: { party: Party }) {
  return (
    <FormattedMessage
      id="me.party"
      values={{
        name: <bdi data-testid="party-name">{party.name}</bdi>,
        number: (
          <span className="ltr" dir="ltr" data-testid="party-number">
            {party.organisationNumber}
          </span>
        ),
      }}
    />
  );
}

export function BackHome() {
  return (
    <Paragraph>
      <Link asChild>
        <RouterLink to="/me">
          <FormattedMessage id="me.back.home" />
        </RouterLink>
      </Link>
    </Paragraph>
  );
}
