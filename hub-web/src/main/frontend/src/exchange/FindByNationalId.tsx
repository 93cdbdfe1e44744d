import { Button, Textfield } from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { answerOf, api, type Schemas } from '../app/api/client';
import { ProblemNotice } from '../app/ProblemNotice';

type PersonView = Schemas['PersonView'];

/**
 * The caseworker finds the person a question is about by national identity number, in the
 * register her agency keeps (the hub logs the look); the form then holds the person's id.
 */
export function FindByNationalId({ onFound }: { onFound: (person: PersonView) => void }) {
  const intl = useIntl();
  const [nationalId, setNationalId] = useState('');
  const find = useMutation({
    mutationFn: async (value: string) =>
      (await answerOf(
        api.GET('/api/participants', { params: { query: { nationalId: value } } }),
      )) as unknown as PersonView,
    onSuccess: onFound,
  });
  return (
    <div className="exchange-find">
      <div className="exchange-find__row">
        <Textfield
          id="ask-national-id"
          label={intl.formatMessage({ id: 'exchange.ask.findLabel' })}
          description={intl.formatMessage({ id: 'exchange.ask.findHelp' })}
          inputMode="numeric"
          autoComplete="off"
          value={nationalId}
          onChange={(event) => setNationalId(event.target.value)}
          onKeyDown={(event) => {
            // Enter finds the person here, rather than sending the whole question.
            if (event.key === 'Enter') {
              event.preventDefault();
              if (nationalId.trim()) find.mutate(nationalId.trim());
            }
          }}
        />
        <Button
          type="button"
          variant="secondary"
          disabled={find.isPending || !nationalId.trim()}
          onClick={() => find.mutate(nationalId.trim())}
        >
          <FormattedMessage id="exchange.ask.find" />
        </Button>
      </div>
      {find.error && <ProblemNotice error={find.error} />}
    </div>
  );
}
