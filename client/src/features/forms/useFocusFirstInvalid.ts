import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Moves focus to the form's first invalid field after a failed submit. Call the returned function when
 * errors were set; the focus happens once they are rendered.
 */
export function useFocusFirstInvalid(formRef: RefObject<HTMLFormElement | null>): () => void {
  const [attempt, setAttempt] = useState(0);
  const previous = useRef(0);
  useEffect(() => {
    if (attempt === previous.current) return;
    previous.current = attempt;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, formRef]);
  return () => setAttempt((n) => n + 1);
}
