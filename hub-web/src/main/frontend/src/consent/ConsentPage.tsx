import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { FormattedMessage } from 'react-intl';
import { Link as RouterLink } from 'react-router';

/** Consents belong to a person: they are recorded, read and withdrawn from the person's page. */
export function ConsentPage() {
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="consent.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="consent.intro" />
      </Paragraph>
      <Link asChild>
        <RouterLink to="/people">
          <FormattedMessage id="consent.form.toRegister" />
        </RouterLink>
      </Link>
    </>
  );
}
