import { useId, type ReactNode } from 'react';
import { useDisclosure } from './useDisclosure';

interface DisclosureProps {
  /** Content of the toggle button. */
  label: ReactNode;
  /** Accessible name of the toggle, when its visible content alone would not say what it opens. */
  ariaLabel?: string;
  className?: string;
  /** The panel; `close` hides it and returns focus to the toggle. */
  children: (close: () => void) => ReactNode;
}

/**
 * A button that shows and hides a small panel of links and buttons (the disclosure pattern): operable
 * with Tab, Enter and Space; Escape, a click elsewhere or moving focus away closes it.
 */
export function Disclosure({ label, ariaLabel, className, children }: DisclosureProps) {
  const { open, close, rootProps, buttonProps } = useDisclosure();
  const panelId = useId();

  return (
    <div {...rootProps} className={`disclosure ${className ?? ''}`}>
      <button {...buttonProps} className="disclosure__toggle" aria-controls={panelId} aria-label={ariaLabel}>
        {label}
        <span className="disclosure__caret" aria-hidden="true" />
      </button>
      <div id={panelId} className="disclosure__panel" hidden={!open}>
        {children(close)}
      </div>
    </div>
  );
}
