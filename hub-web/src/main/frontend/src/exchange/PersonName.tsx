import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { answerOf, api, type Schemas } from '../app/api/client';
import { useMe } from '../app/session';

/**
 * Whom a message is about. The caseworker's agency keeps the register, so she sees the person's
 * name and identity number (the hub logs the look); other agencies see the person's id in the hub,
 * which is all they are given.
 */
export function PersonName({ id }: { id: string | undefined }) {
  const me = useMe().data;
  const inRegister = me?.role === 'caseworker';
  const person = useQuery({
    queryKey: ['participant', id],
    enabled: inRegister && id !== undefined && id !== '',
    staleTime: 60_000,
    queryFn: async () =>
      (await answerOf(
        api.GET('/api/participants/{id}', { params: { path: { id: id ?? '' } } }),
      )) as unknown as Schemas['PersonView'],
  });
  if (person.data) {
    return (
      <span data-testid="person">
        <bdi>
          {person.data.givenName} {person.data.familyName}
        </bdi>{' '}
        (<span className="ltr">{person.data.nationalId}</span>)
      </span>
    );
  }
  return (
    <span data-testid="person">
      <FormattedMessage
        id="exchange.person.id"
        values={{ id: <span className="ltr">{id}</span> }}
      />
    </span>
  );
}
