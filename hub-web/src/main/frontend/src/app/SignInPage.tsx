import { Alert, Button, Field, Heading, Label, Paragraph, Select } from '@digdir/designsystemet-react';
import { FormattedMessage } from 'react-intl';
import { useLanguage } from './i18n/LanguageProvider';
import { LANGUAGES } from './i18n/languages';
import { loginAddress } from './session';

/**
 * What a signed-out browser sees: two ways in, each at the identity provider's own page. A person
 * signs in for themselves with their electronic ID (ID-porten), in the language they choose here;
 * staff sign in with their organisation's provider.
 */
export function SignInPage() {
  const { language, chosen, choose } = useLanguage();
  const here = new URL(window.location.href);
  const signedOut = here.pathname === '/signed-out';
  const failed = here.searchParams.has('signInFailed');
  const returnTo = signedOut || failed ? '/' : here.pathname + here.search;
  // A language chosen here (or by address) stays the person's after the sign-in.
  const personReturnTo = returnTo.startsWith('/me')
    ? returnTo
    : chosen
      ? `/me?lang=${encodeURIComponent(language.tag)}`
      : '/me';
  return (
    <main id="main" className="app-main sign-in" tabIndex={-1}>
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
      <Field className="sign-in__language">
        <Label htmlFor="sign-in-language">
          <FormattedMessage id="language.label" />
        </Label>
        <Select id="sign-in-language" value={language.tag} onChange={(event) => choose(event.target.value)}>
          {LANGUAGES.map((choice) => (
            <option key={choice.tag} value={choice.tag} lang={choice.tag}>
              {choice.name}
            </option>
          ))}
        </Select>
      </Field>
      <section aria-labelledby="sign-in-person">
        <Heading level={2} data-size="md" id="sign-in-person">
          <FormattedMessage id="signIn.citizen.heading" />
        </Heading>
        <Paragraph>
          <FormattedMessage id="signIn.citizen.intro" />
        </Paragraph>
        <Button asChild>
          <a href={loginAddress(personReturnTo, 'citizen', language.tag)} data-testid="sign-in-citizen">
            <FormattedMessage id="signIn.citizen.button" />
          </a>
        </Button>
      </section>
      <section aria-labelledby="sign-in-staff">
        <Heading level={2} data-size="md" id="sign-in-staff">
          <FormattedMessage id="signIn.staff.heading" />
        </Heading>
        <Paragraph>
          <FormattedMessage id="signIn.intro" />
        </Paragraph>
        <Button asChild variant="secondary">
          <a href={loginAddress(returnTo)}>
            <FormattedMessage id="signIn.button" />
          </a>
        </Button>
      </section>
    </main>
  );
}
