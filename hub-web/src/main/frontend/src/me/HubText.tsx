import { Paragraph, Tag } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { NORWEGIAN } from '../app/i18n/languages';
import { languageName } from './languageName';

/**
 * One language's version of a text the hub wrote (a receipt's, an access log's), in that
 * language and its direction, saying which language it is, whether a translator reviewed it, and
 * that the Norwegian is the text that counts.
 */
export function HubText({
  language,
  direction,
  reviewStatus,
  reviewNote,
  reader,
  children,
  testId,
}: {
  language: string;
  direction: string;
  reviewStatus?: string;
  /** The hub's own sentence, in the section's language, that its text is a draft. */
  reviewNote?: string | null;
  reader: string;
  children: ReactNode;
  testId?: string;
}) {
  const norwegian = language === NORWEGIAN;
  return (
    <div className="me-text" lang={language} dir={direction} data-testid={testId}>
      <Paragraph data-size="sm" lang={reader} dir="auto">
        {norwegian ? (
          <FormattedMessage id="me.text.norwegian" />
        ) : (
          <FormattedMessage id="me.text.language" values={{ language: languageName(language, reader) }} />
        )}{' '}
        {reviewStatus === 'draft' && (
          <Tag data-color="warning" data-size="sm">
            <FormattedMessage id="language.reviewStatus.draft" />
          </Tag>
        )}
      </Paragraph>
      {reviewNote && <Paragraph data-size="sm">{reviewNote}</Paragraph>}
      {children}
    </div>
  );
}
