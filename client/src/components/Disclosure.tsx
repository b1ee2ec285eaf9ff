import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

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
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      ref={rootRef}
      className={`disclosure ${className ?? ''}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
      onBlur={(event) => {
        if (open && !rootRef.current?.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="disclosure__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={ariaLabel}
        onClick={() => setOpen((value) => !value)}
      >
        {label}
        <span className="disclosure__caret" aria-hidden="true" />
      </button>
      <div id={panelId} className="disclosure__panel" hidden={!open}>
        {children(close)}
      </div>
    </div>
  );
}
