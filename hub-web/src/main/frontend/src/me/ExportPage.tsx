import { Button, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { useParams } from 'react-router';
import { ApiProblem } from '../app/api/client';
import { ProblemNotice } from '../app/ProblemNotice';
import { exportFileName } from './me';
import { BackHome } from './PersonPage';

interface Export {
  fileName: string;
  text: string;
  data: unknown;
}

/** Everything the hub holds about the person, as the hub writes it (`GET .../export`). */
async function fetchExport(id: string): Promise<Export> {
  let response: Response;
  try {
    response = await fetch(`/api/participants/${encodeURIComponent(id)}/export`, {
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
    data: JSON.parse(text) as unknown,
  };
}

/**
 * The person's right of access (GDPR article 15): everything the hub holds about them, readable
 * on the page and as the JSON file the hub gives, saved as it came.
 */
export function ExportPage() {
  const intl = useIntl();
  const id = useParams().personId ?? '';
  const exported = useQuery({ queryKey: ['export', id], staleTime: Infinity, queryFn: () => fetchExport(id) });

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
            <Paragraph data-size="sm">
              <FormattedMessage id="me.export.fieldNames" />
            </Paragraph>
            <div lang="en" dir="ltr">
              <Value value={exported.data.data} />
            </div>
          </section>
        </>
      )}
      <BackHome />
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
