import { cleanup, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import type { components } from './api/schema';
import en from './i18n/messages/en.json';
import nb from './i18n/messages/nb.json';
import { WhoAmI, type WhoAmIProps } from './WhoAmI';

afterEach(cleanup);

type Me = components['schemas']['Me'];

const staff = {
  exchangesMessages: true,
  categories: [],
  vocabulary: {
    roles: [],
    agencyKinds: [],
    categories: [],
    purposes: [],
    messageKinds: [],
    statuses: [],
  },
};

function shown(me: Me | WhoAmIProps, messages: Record<string, string> = nb, locale = 'nb') {
  render(
    <IntlProvider locale={locale} messages={messages} onError={(e) => expect.fail(String(e))}>
      <WhoAmI me={me} />
    </IntlProvider>,
  );
  return screen.getByTestId('who-am-i').textContent ?? '';
}

describe('WhoAmI', () => {
  it("shows a caseworker their agency and their municipality's name and number", () => {
    const text = shown({
      ...staff,
      username: 'eli.caseworker',
      name: 'Eli Elvsaker',
      role: 'caseworker',
      agency: {
        orgNumber: '311000101',
        name: 'Elvdal Refugee Service',
        kind: 'refugee-service',
        mayReceiveHealthData: true,
      },
      municipality: { number: '9902', name: 'Elvdal' },
    });

    expect(text).toContain('Eli Elvsaker');
    expect(text).toContain('Elvdal Refugee Service');
    expect(screen.getByTestId('my-municipality').textContent).toBe('Elvdal kommune (9902)');
  });

  it('says it in English too', () => {
    shown(
      {
        ...staff,
        username: 'egil.auditor',
        name: 'Egil Revisor',
        role: 'auditor',
        exchangesMessages: false,
        agency: {
          orgNumber: '311000101',
          name: 'Elvdal Refugee Service',
          kind: 'refugee-service',
          mayReceiveHealthData: true,
        },
        municipality: { number: '9902', name: 'Elvdal' },
      },
      en,
      'en',
    );

    expect(screen.getByTestId('my-municipality').textContent).toBe('Elvdal municipality (9902)');
  });

  it('names no municipality for a GP office, which may serve several', () => {
    const text = shown({
      ...staff,
      username: 'frida.gp',
      name: 'Frida Fjell',
      role: 'gp-staff',
      agency: {
        orgNumber: '311000063',
        name: 'Fjellet GP Office',
        kind: 'gp-office',
        mayReceiveHealthData: true,
      },
    });

    expect(text).toContain('Fjellet GP Office');
    expect(screen.queryByTestId('my-municipality')).toBeNull();
  });

  it("tells the hub's auditor, at no agency, that they act for the hub itself", () => {
    const text = shown({
      ...staff,
      username: 'hugo.hubauditor',
      name: 'Hugo Tilsyn',
      role: 'auditor',
      exchangesMessages: false,
    });

    expect(text).toContain('Hugo Tilsyn');
    expect(text).toContain(nb['role.auditor']);
    expect(text).toContain('selve Bindeledd');
    expect(screen.queryByTestId('my-municipality')).toBeNull();
  });
});
