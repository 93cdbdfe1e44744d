import { ErrorSummary } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { FormattedMessage } from 'react-intl';

/**
 * The errors of a form, summarised above it with a link to each field (WCAG 3.3.1), and focused
 * when they appear so that a screen reader says them at once.
 */
export function FormErrors({
  errors,
  fieldId,
  attempt,
}: {
  errors: readonly { field: string; message: string }[];
  fieldId: (field: string) => string;
  /** Counts the submits, so that the summary takes the focus again on each one. */
  attempt: number;
}) {
  const summary = useRef<HTMLElement>(null);
  const shown = errors.length > 0;
  // Only a submit moves the focus; errors that change while the user types do not.
  useEffect(() => {
    if (shown) {
      summary.current?.focus();
    }
  }, [attempt]);
  if (errors.length === 0) {
    return null;
  }
  return (
    <ErrorSummary ref={summary as never} tabIndex={-1} data-testid="form-errors">
      <ErrorSummary.Heading>
        <FormattedMessage id="people.form.errorsHeading" />
      </ErrorSummary.Heading>
      <ErrorSummary.List>
        {errors.map((error) => (
          <ErrorSummary.Item key={`${error.field}-${error.message}`}>
            <ErrorSummary.Link href={`#${fieldId(error.field)}`}>
              <FormattedMessage id={error.message} />
            </ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/** The first error's sentence for a field, or nothing. */
export function errorFor(
  errors: readonly { field: string; message: string }[],
  field: string,
): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}
