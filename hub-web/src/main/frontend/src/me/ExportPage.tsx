import { Button, Details, Heading, Paragraph, Spinner, Tag } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { useParams } from 'react-router';
import { ApiProblem } from '../app/api/client';
import { formatDate } from '../app/format';
import { statusColour } from '../consent/status';
import type { ConsentView } from '../consent/consent';
import type { AccessLog } from '../people/accessLog';
import { fullName, type PersonView } from '../people/person';
import { HubText } from './HubText';
import { languageName } from './languageName';
import { readerFirst } from './me';
import { ProblemNotice } from '../app/ProblemNotice';
import { exportFileName } from './me';
import { BackHome } from './PersonPage';

interface Export {
  fileName: string;
  text: string;
  data: PersonalData;
}

/** The parts of the hub's export the page puts in words; the rest is shown as the hub wrote it. */
interface PersonalData {
  person?: PersonView;
  guardians?: PersonView[];
  children?: PersonView[];
  consents?: ConsentView[];
  messages?: unknown[];
  accessLog?: AccessLog;
}

/** Everything the hub holds about the person, as the hub writes it (`GET .../export`). */
async function fetchExport(id: string, language: string): Promise<Export> {
  let response: Response;
  try {
    response = await fetch(`/api/participants/${encodeURIComponent(id)}/export?lang=${encodeURIComponent(language)}`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
  } catch {
    throw new ApiProblem({ type: 'unreachable' }, 0);
  }
  if (!response.ok) {
    throw new ApiProblem(await response.json().catch(() => ({ status: response.status })), response.status);
  }
  const text = await response.text();
  return {
    fileName: exportFileName(response.headers.get('Content-Disposition'), id),
    text,
    data: JSON.parse(text) as PersonalData,
  };
}

/**
 * The person's right of access (GDPR article 15): everything the hub holds about them, readable
 * on the page and as the JSON file the hub gives, saved as it came.
 */
export function ExportPage() {
  const intl = useIntl();
  const id = useParams().personId ?? '';
  const exported = useQuery({
    queryKey: ['export', id, intl.locale],
    staleTime: Infinity,
    queryFn: () => fetchExport(id, intl.locale),
  });

  function download(data: Export) {
    const address = URL.createObjectURL(new Blob([data.text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = address;
    link.download = data.fileName;
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(address);
  }

  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="me.export.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="me.export.intro" />
      </Paragraph>
      {exported.isPending && <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />}
      {exported.error && <ProblemNotice error={exported.error} />}
      {exported.data && (
        <>
          <Button onClick={() => download(exported.data)} data-testid="download-export">
            <FormattedMessage id="me.export.download" />
          </Button>
          <section className="me-section me-export" aria-labelledby="export-heading" data-testid="export">
            <Heading level={2} data-size="md" id="export-heading">
              <FormattedMessage id="me.export.readable" />
            </Heading>
            <Readable data={exported.data.data} />
            <Details>
              <Details.Summary>
                <FormattedMessage id="me.export.details" />
              </Details.Summary>
              <Details.Content>
                <Paragraph data-size="sm">
                  <FormattedMessage id="me.export.fieldNames" />
                </Paragraph>
                <div lang="en" dir="ltr">
                  <Value value={exported.data.data} />
                </div>
              </Details.Content>
            </Details>
          </section>
        </>
      )}
      <BackHome />
    </>
  );
}

/** The register entry, the family, the consents, the messages and the access log, in words. */
function Readable({ data }: { data: PersonalData }) {
  const intl = useIntl();
  const family = [...(data.guardians ?? []), ...(data.children ?? [])];
  return (
    <>
      {data.person && (
        <>
          <Heading level={3} data-size="sm">
            <FormattedMessage id="me.export.person" />
          </Heading>
          <dl className="me-parties" data-testid="export-person">
            <dt>
              <FormattedMessage id="me.export.name" />
            </dt>
            <dd>
              <bdi>{fullName(data.person)}</bdi>
            </dd>
            <dt>
              <FormattedMessage id="me.export.nationalId" />
            </dt>
            <dd>
              <span className="ltr">{data.person.nationalId}</span>
            </dd>
            <dt>
              <FormattedMessage id="language.label" />
            </dt>
            <dd>{languageName(data.person.preferredLanguage, intl.locale)}</dd>
            {data.person.birthDate && (
              <dd>
                <FormattedMessage
                  id="me.actsFor.born"
                  values={{ date: <bdi>{formatDate(data.person.birthDate, intl.locale)}</bdi> }}
                />
              </dd>
            )}
          </dl>
          {family.length > 0 && (
            <ul>
              {family.map((relative) => (
                <li key={relative.id}>
                  <bdi>{fullName(relative)}</bdi>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {data.consents && (
        <>
          <Heading level={3} data-size="sm">
            <FormattedMessage id="me.consents.heading" />
          </Heading>
          <ul className="me-cards" data-testid="export-consents">
            {data.consents.map((consent) => (
              <li key={consent.id}>
                <Tag data-color={statusColour(consent.status)}>
                  <FormattedMessage id={`me.consent.status.${consent.status}`} />
                </Tag>{' '}
                <FormattedMessage
                  id="me.export.consentLine"
                  values={{
                    from: <span className="ltr">{consent.disclosingAgency}</span>,
                    to: <span className="ltr">{consent.receivingAgency}</span>,
                    date: <bdi>{formatDate(consent.validUntil, intl.locale)}</bdi>,
                  }}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {data.messages && (
        <Paragraph data-testid="export-messages">
          <FormattedMessage id="me.export.messages" values={{ count: data.messages.length }} />
        </Paragraph>
      )}
      {data.accessLog && (
        <>
          <Heading level={3} data-size="sm">
            <FormattedMessage id="me.accessLog.heading" />
          </Heading>
          {readerFirst(data.accessLog.sections, intl.locale).map((section) => (
            <HubText
              key={section.language}
              language={section.language}
              direction={section.direction}
              reader={intl.locale}
              testId={`export-access-log-${section.language}`}
            >
              <Paragraph>{section.summary}</Paragraph>
              <ul className="people-log-list">
                {section.entries.items.map((item, index) => (
                  <li key={`${item.at ?? ''}-${index}`} className="people-log-item" dir="auto">
                    {item.text}
                  </li>
                ))}
              </ul>
            </HubText>
          ))}
        </>
      )}
    </>
  );
}

/** A part of the export as nested lists of the hub's field names and values, shown as text. */
function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') {
    return <span>–</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return <span>–</span>;
    }
    return (
      <ol>
        {value.map((item, index) => (
          <li key={index}>
            <Value value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') {
    return (
      <dl>
        {Object.entries(value as Record<string, unknown>).map(([key, inner]) => (
          <div key={key}>
            <dt>{readable(key)}</dt>
            <dd>
              <Value value={inner} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span dir="auto">{String(value)}</span>;
}

/** The hub's field name as words: `validUntil` reads "valid until". */
export function readable(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
