import { PlaceholderPage } from '../app/PlaceholderPage';

export function ExchangePage() {
  return <PlaceholderPage heading="exchange.heading" />;
}
