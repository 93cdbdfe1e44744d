import { PlaceholderPage } from '../app/PlaceholderPage';

export function PeoplePage() {
  return <PlaceholderPage heading="people.heading" />;
}
