import { codeWords } from '../app/vocabulary';
import { FormattedMessage, useIntl } from 'react-intl';

/** What a message or conversation is about: its category and purpose, in words. */
export function AboutWhat({ message }: { message: { category?: string; purpose?: string } }) {
  const intl = useIntl();
  return (
    <FormattedMessage
      id="exchange.about"
      values={{
        category: codeWords(intl, 'category', message.category),
        purpose: codeWords(intl, 'purpose', message.purpose),
      }}
    />
  );
}
