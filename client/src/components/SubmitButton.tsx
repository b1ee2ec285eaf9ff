import type { ReactNode } from 'react';

interface SubmitButtonProps {
  pending: boolean;
  pendingLabel: string;
  children: ReactNode;
}

/**
 * A form's submit button. While the request runs it says so and refuses clicks (the form's handler
 * also ignores submits), but stays focusable, unlike `disabled`, so keyboard users keep their place.
 */
export function SubmitButton({ pending, pendingLabel, children }: SubmitButtonProps) {
  return (
    <button type="submit" className="button" aria-disabled={pending || undefined}>
      {pending ? pendingLabel : children}
    </button>
  );
}
