import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

/**
 * The state of a disclosure (a button that shows and hides a panel) and the ways it closes: Escape
 * closes it and returns focus to the button; a press outside `root`, or focus moving to something
 * outside it, closes it without moving focus. Spread `rootProps` on the element around button and panel.
 */
export function useDisclosure<Root extends HTMLElement = HTMLDivElement>() {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<Root>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const close = useCallback(() => {
    setOpen(false);
    buttonRef.current?.focus();
  }, []);

  // Listened to only while open, and only in an effect: nothing here runs during (server) rendering.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const rootProps = {
    ref: rootRef,
    onKeyDown: (event: KeyboardEvent) => {
      // A control inside that used Escape for itself (a search box closing its suggestions) keeps it.
      if (event.key === 'Escape' && open && !event.defaultPrevented) {
        event.stopPropagation();
        close();
      }
    },
    onBlur: (event: FocusEvent) => {
      // No relatedTarget: focus went nowhere (a press on the panel's background, another window);
      // a press outside is handled by the pointerdown listener, so only a move to a known element counts.
      if (open && event.relatedTarget && !rootRef.current?.contains(event.relatedTarget)) setOpen(false);
    },
  };

  const buttonProps = {
    ref: buttonRef,
    type: 'button' as const,
    'aria-expanded': open,
    onClick: () => setOpen((value) => !value),
  };

  return { open, setOpen, close, rootProps, buttonProps };
}
