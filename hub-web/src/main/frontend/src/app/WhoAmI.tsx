import { FormattedMessage, useIntl } from 'react-intl';
import type { components } from './api/schema';

type Me = components['schemas']['Me'];

/** What the header shows; the hub sends no agency for the hub's auditor, whatever the schema says. */
export type WhoAmIProps = Pick<Me, 'name' | 'role'> & {
  agency?: Me['agency'] | null;
  municipality?: Me['municipality'] | null;
};

/**
 * Who is signed in, at which agency, and in which municipality: one deployment serves several, and
 * a caseworker or auditor must see at a glance whose people and whose log they are looking at. A
 * GP office or NAV office may serve several municipalities and names none; the hub's auditor works
 * at no agency and reads the hub's own log.
 */
export function WhoAmI({ me }: { me: WhoAmIProps }) {
  const intl = useIntl();
  const role = intl.formatMessage({ id: `role.${me.role}` });
  return (
    <p className="app-header__who" data-testid="who-am-i">
      <span>
        <FormattedMessage id="whoami.label" />{' '}
        <strong>
          <bdi>{me.name}</bdi>
        </strong>
      </span>
      <span>
        {me.agency ? (
          <FormattedMessage
            id="whoami.roleAtAgency"
            values={{ role, agency: <bdi>{me.agency.name}</bdi> }}
          />
        ) : (
          <FormattedMessage id="whoami.roleForTheHub" values={{ role }} />
        )}
      </span>
      {me.municipality && (
        <span data-testid="my-municipality">
          <FormattedMessage
            id="whoami.municipality"
            values={{
              municipality: <bdi>{me.municipality.name}</bdi>,
              number: me.municipality.number,
            }}
          />
        </span>
      )}
    </p>
  );
}
