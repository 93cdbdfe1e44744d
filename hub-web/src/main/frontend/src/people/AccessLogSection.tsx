import { Alert, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { answerOf, api } from '../app/api/client';
import { formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import { sectionFor, type AccessLog, type AccessLogPart } from './accessLog';
import type { PersonView } from './person';

/**
 * The person's access log as the caseworker reads it with them: the hub's own sentences in the
 * screens' language, each with its time on Oslo's clock. Reading it is itself audited, so it is
 * fetched once per visit, not kept fresh.
 */
export function AccessLogSection({ subject }: { subject: PersonView }) {
  const intl = useIntl();
  const log = useQuery({
    queryKey: ['access-log', subject.id, intl.locale],
    staleTime: Infinity,
    queryFn: async () =>
      (await answerOf(
        api.GET('/api/participants/{id}/access-log', {
          params: { path: { id: subject.id }, query: { lang: intl.locale } },
          headers: { Accept: 'application/json' },
        }),
      )) as unknown as AccessLog,
  });
  const section = log.data ? sectionFor(log.data, intl.locale) : undefined;
  return (
    <section className="people-section" aria-labelledby="access-log-heading" data-testid="access-log">
      <Heading level={2} data-size="md" id="access-log-heading">
        <FormattedMessage id="people.accessLog.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="people.accessLog.intro" />
      </Paragraph>
      {log.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {log.error && <ProblemNotice error={log.error} />}
      {section && (
        <div className="people-log" lang={section.language} dir={section.direction}>
          <Paragraph>{section.summary}</Paragraph>
          {section.note && <Alert data-color="warning">{section.note}</Alert>}
          <Part part={section.consents} level={3} testId="access-log-consents" />
          <Part part={section.entries} level={3} testId="access-log-entries" />
        </div>
      )}
    </section>
  );
}

function Part({ part, level, testId }: { part: AccessLogPart; level: 3; testId: string }) {
  const intl = useIntl();
  return (
    <>
      <Heading level={level} data-size="xs">
        {part.title}
      </Heading>
      {part.items.length === 0 ? (
        <Paragraph>{part.whenEmpty}</Paragraph>
      ) : (
        <ul className="people-log-list" data-testid={testId}>
          {part.items.map((item, index) => (
            <li key={`${item.at ?? ''}-${index}`} className="people-log-item">
              {item.at && (
                <Paragraph data-size="sm">
                  <strong>
                    <span className="ltr" data-testid="access-log-time">
                      {formatDateTime(item.at, intl.locale)}
                    </span>
                  </strong>
                </Paragraph>
              )}
              <Paragraph>{item.text}</Paragraph>
              {item.details.length > 0 && (
                <dl className="people-details">
                  {item.details.map((detail) => (
                    <div key={detail.label}>
                      <dt>{detail.label}</dt>
                      <dd>{detail.values.join(', ')}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
