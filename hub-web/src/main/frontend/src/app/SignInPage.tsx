import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { FormattedMessage } from 'react-intl';
import { loginAddress } from './session';

/** What a signed-out browser sees: one way in, at the identity provider's own page. */
export function SignInPage() {
  const here = new URL(window.location.href);
  const signedOut = here.pathname === '/signed-out';
  const failed = here.searchParams.has('signInFailed');
  const returnTo = signedOut || failed ? '/' : here.pathname + here.search;
  return (
    <main id="main" className="app-main" tabIndex={-1}>
      <Heading level={1} data-size="lg">
        <FormattedMessage id="signIn.heading" />
      </Heading>
      {signedOut && (
        <Alert data-color="success" role="status">
          <FormattedMessage id="signIn.signedOut" />
        </Alert>
      )}
      {failed && (
        <Alert data-color="danger" role="alert">
          <FormattedMessage id="signIn.failed" />
        </Alert>
      )}
      <Paragraph>
        <FormattedMessage id="signIn.intro" />
      </Paragraph>
      <Button asChild>
        <a href={loginAddress(returnTo)}>
          <FormattedMessage id="signIn.button" />
        </a>
      </Button>
    </main>
  );
}
