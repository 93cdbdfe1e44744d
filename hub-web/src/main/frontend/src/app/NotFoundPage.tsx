import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { FormattedMessage } from 'react-intl';
import { NavLink } from 'react-router';

export function NotFoundPage() {
  return (
    <>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="notFound.heading" />
      </Heading>
      <Paragraph>
        <FormattedMessage id="notFound.body" />
      </Paragraph>
      <Link asChild>
        <NavLink to="/">
          <FormattedMessage id="nav.home" />
        </NavLink>
      </Link>
    </>
  );
}
