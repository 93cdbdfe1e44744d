import { PlaceholderPage } from '../app/PlaceholderPage';

export function ConsentPage() {
  return <PlaceholderPage heading="consent.heading" />;
}
