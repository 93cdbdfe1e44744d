import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { FormattedMessage } from 'react-intl';

/** A capability's page before its screens exist: its heading, and that it is not built yet. */
export function PlaceholderPage({ heading }: { heading: string }) {
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id={heading} />
      </Heading>
      <Paragraph>
        <FormattedMessage id="placeholder.notBuiltYet" />
      </Paragraph>
    </>
  );
}
