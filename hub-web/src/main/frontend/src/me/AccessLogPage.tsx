import { Alert, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useParams } from 'react-router';
import { formatDateTime } from '../app/format';
import { ProblemNotice } from '../app/ProblemNotice';
import type { AccessLogPart, AccessLogSectionText } from '../people/accessLog';
import { HubText } from './HubText';
import { readerFirst } from './me';
import { BackHome } from './PersonPage';
import { useAccessLog } from './queries';

interface PersonLogSection extends AccessLogSectionText {
  reviewStatus?: 'draft' | 'reviewed';
  reviewNote?: string | null;
}

/**
 * Who received, opened, looked up or was refused information about the person, across all
 * agencies: the hub's own sentences, in the reader's language with the Norwegian beside them.
 * Opening it is itself logged, as the person's own access.
 */
export function AccessLogPage() {
  const intl = useIntl();
  const id = useParams().personId ?? '';
  const log = useAccessLog(id, intl.locale);
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="me.accessLog.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="me.accessLog.intro" />
      </Paragraph>
      {log.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {log.error && <ProblemNotice error={log.error} />}
      {log.data && (
        <div data-testid="access-log">
          {readerFirst(log.data.sections as PersonLogSection[], intl.locale).map((section) => (
            <HubText
              key={section.language}
              language={section.language}
              direction={section.direction}
              reviewStatus={section.reviewStatus}
              reviewNote={section.reviewNote}
              reader={intl.locale}
              testId={`access-log-${section.language}`}
            >
              <Heading level={2} data-size="md">
                {section.title}
              </Heading>
              <Paragraph>{section.summary}</Paragraph>
              {section.note && <Alert data-color="warning">{section.note}</Alert>}
              <Part part={section.consents} testId="access-log-consents" />
              <Part part={section.entries} testId="access-log-entries" />
            </HubText>
          ))}
        </div>
      )}
      <BackHome />
    </>
  );
}

function Part({ part, testId }: { part: AccessLogPart; testId: string }) {
  const intl = useIntl();
  return (
    <>
      <Heading level={3} data-size="xs">
        {part.title}
      </Heading>
      {part.items.length === 0 ? (
        <Paragraph>{part.whenEmpty}</Paragraph>
      ) : (
        <ul className="people-log-list me-log" data-testid={testId}>
          {part.items.map((item, index) => (
            <li key={`${item.at ?? ''}-${index}`} className="people-log-item">
              {item.at && (
                <Paragraph data-size="sm">
                  <strong>
                    <bdi data-testid="access-log-time">{formatDateTime(item.at, intl.locale)}</bdi>
                  </strong>
                </Paragraph>
              )}
              <Paragraph dir="auto">{item.text}</Paragraph>
              {item.details.length > 0 && (
                <dl className="me-parties">
                  {item.details.map((detail) => (
                    <div key={detail.label} style={{ display: 'contents' }}>
                      <dt>{detail.label}</dt>
                      <dd dir="auto">{detail.values.join(', ')}</dd>
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
