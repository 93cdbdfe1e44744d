import { PlaceholderPage } from '../app/PlaceholderPage';

export function AuditPage() {
  return <PlaceholderPage heading="audit.heading" />;
}
