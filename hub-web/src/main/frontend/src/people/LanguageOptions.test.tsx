import { cleanup, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import nb from '../app/i18n/messages/nb.json';
import { LanguageOptions } from './LanguageOptions';

afterEach(cleanup);

describe('LanguageOptions', () => {
  it("says, where staff pick a person's language, which translations nobody has reviewed", () => {
    render(
      <IntlProvider locale="nb" messages={nb} onError={(e) => expect.fail(String(e))}>
        <select aria-label="Språk">
          <LanguageOptions />
        </select>
      </IntlProvider>,
    );
    const options = screen.getAllByRole('option') as HTMLOptionElement[];
    const label = (tag: string) => options.find((o) => o.value === tag)?.textContent;
    expect(options.map((o) => o.value)).toEqual(['nb', 'en', 'ar', 'uk', 'ti', 'fa-AF', 'so', 'ku']);
    expect(label('nb')).toBe('Norsk bokmål');
    expect(label('en')).toBe('Engelsk (English)');
    expect(label('ar')).toBe('Arabisk (العربية), utkast til oversettelse');
    expect(label('ku')).toContain('utkast til oversettelse');
    expect(options.filter((o) => o.dataset.reviewStatus === 'draft')).toHaveLength(6);
  });
});
