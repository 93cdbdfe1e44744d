import { Alert, Button, Field, Label, Link, Paragraph, Select, SkipLink } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { NavLink, Outlet } from 'react-router';
import { useLanguage } from './i18n/LanguageProvider';
import { STAFF_LANGUAGES } from './i18n/languages';
import { LiveCounts } from './LiveCounts';
import { destinationsFor } from './navigation';
import { ProblemNotice } from './ProblemNotice';
import { isCitizen } from '../me/me';
import { PersonLayout } from '../me/PersonLayout';
import { signOut, useMe, useSession } from './session';
import { WhoAmI } from './WhoAmI';

/** Every signed-in page: skip link, header (who, menu, language, sign out) and the main area. */
export function Layout() {
  const intl = useIntl();
  const { language, choose } = useLanguage();
  const session = useSession().data;
  const me = useMe();
  const [signOutFailed, setSignOutFailed] = useState<unknown>();

  // A person signed in for themselves reads their own pages, in their own language.
  if (isCitizen(me.data)) {
    return <PersonLayout me={me.data} />;
  }

  return (
    <>
      <SkipLink href="#main">
        <FormattedMessage id="app.skipToContent" />
      </SkipLink>
      <header className="app-header">
        <Paragraph className="app-header__name" data-size="lg">
          <Link asChild>
            <NavLink to="/">
              <FormattedMessage id="app.name" />
            </NavLink>
          </Link>
        </Paragraph>
        {me.data && (
          <nav className="app-nav" aria-label={intl.formatMessage({ id: 'nav.label' })}>
            <ul>
              {destinationsFor(me.data.role ?? '').map((destination) => (
                <li key={destination.path}>
                  <Link asChild>
                    <NavLink to={destination.path}>
                      <FormattedMessage id={destination.label} />
                    </NavLink>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {me.data && <WhoAmI me={me.data} />}
        <Field>
          <Label htmlFor="language">
            <FormattedMessage id="language.label" />
          </Label>
          <Select
            id="language"
            value={language.draft ? '' : language.tag}
            onChange={(event) => choose(event.target.value)}
          >
            {language.draft && <option value="">{language.name}</option>}
            {STAFF_LANGUAGES.map((staff) => (
              <option key={staff.tag} value={staff.tag} lang={staff.tag}>
                {staff.name}
              </option>
            ))}
          </Select>
        </Field>
        {session && (
          <Button
            variant="secondary"
            onClick={() => signOut(session).catch(setSignOutFailed)}
          >
            <FormattedMessage id="signOut.button" />
          </Button>
        )}
        {me.data?.exchangesMessages && <LiveCounts />}
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {language.draft && (
          <Alert data-color="warning" className="app-draft">
            <FormattedMessage id="app.draftTranslation" />
          </Alert>
        )}
        {signOutFailed !== undefined && <ProblemNotice error={signOutFailed} />}
        {me.error && <ProblemNotice error={me.error} />}
        <Outlet />
      </main>
    </>
  );
}
