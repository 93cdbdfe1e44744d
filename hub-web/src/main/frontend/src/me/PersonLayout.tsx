import { Alert, Button, Field, Label, Link, Paragraph, Select, SkipLink } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { FormattedMessage, IntlProvider, useIntl } from 'react-intl';
import { NavLink, Outlet } from 'react-router';
import { useLanguage } from '../app/i18n/LanguageProvider';
import { findLanguage, LANGUAGES, NORWEGIAN } from '../app/i18n/languages';
import { ProblemNotice } from '../app/ProblemNotice';
import { signOut, useSession } from '../app/session';
import type { CitizenMe } from './me';
import './me.css';

/**
 * Every page of a signed-in person: in their own language (the one they chose, or the one the
 * hub has for them), with Norwegian one click away, in the catalogue of that language alone: a
 * text missing from it shows as missing, never in another language.
 */
export function PersonLayout({ me }: { me: CitizenMe }) {
  const { language, chosen, choose } = useLanguage();
  const preferred = me.person?.preferredLanguage;

  useEffect(() => {
    if (!chosen && preferred && findLanguage(preferred)) {
      choose(preferred);
    }
  }, [chosen, preferred, choose]);

  return (
    <IntlProvider locale={language.tag} messages={language.messages} defaultLocale="nb">
      <PersonFrame me={me} />
    </IntlProvider>
  );
}

function PersonFrame({ me }: { me: CitizenMe }) {
  const intl = useIntl();
  const { language, choose } = useLanguage();
  const session = useSession().data;
  const [signOutFailed, setSignOutFailed] = useState<unknown>();
  const norwegian = findLanguage(NORWEGIAN);
  const own = findLanguage(me.person?.preferredLanguage);
  // One click to Norwegian, and one click back to the person's own language.
  const other = language.tag === NORWEGIAN ? (own?.tag !== NORWEGIAN ? own : undefined) : norwegian;

  return (
    <>
      <SkipLink href="#main">
        <FormattedMessage id="app.skipToContent" />
      </SkipLink>
      <header className="app-header me-header">
        <Paragraph className="app-header__name" data-size="lg">
          <Link asChild>
            <NavLink to="/me">
              <FormattedMessage id="app.name" />
            </NavLink>
          </Link>
        </Paragraph>
        <p className="app-header__who" data-testid="who-am-i">
          <FormattedMessage
            id="me.header.signedInAs"
            values={{ name: <strong><bdi>{me.person?.name ?? me.name}</bdi></strong> }}
          />
        </p>
        <div className="me-languages">
          <Field>
            <Label htmlFor="language">
              <FormattedMessage id="language.label" />
            </Label>
            <Select id="language" value={language.tag} onChange={(event) => choose(event.target.value)}>
              {LANGUAGES.map((choice) => (
                <option key={choice.tag} value={choice.tag} lang={choice.tag}>
                  {choice.name}
                </option>
              ))}
            </Select>
          </Field>
          {other && (
            <Button
              variant="secondary"
              lang={other.tag}
              data-testid="language-other"
              onClick={() => choose(other.tag)}
            >
              {other.name}
            </Button>
          )}
        </div>
        {session && (
          <Button variant="tertiary" onClick={() => signOut(session).catch(setSignOutFailed)}>
            <FormattedMessage id="signOut.button" />
          </Button>
        )}
      </header>
      <main id="main" className="app-main me-main" tabIndex={-1}>
        {language.draft && (
          <Alert data-color="info" className="app-draft" data-testid="draft-notice">
            <FormattedMessage id="me.draft.notice" />
          </Alert>
        )}
        {signOutFailed !== undefined && <ProblemNotice error={signOutFailed} />}
        <Outlet context={{ me }} />
      </main>
      <footer className="me-footer">
        <Paragraph data-size="sm">
          {intl.formatMessage({ id: 'me.footer.hub' })}
        </Paragraph>
      </footer>
    </>
  );
}
