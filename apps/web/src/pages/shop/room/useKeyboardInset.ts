import { useEffect, type RefObject } from 'react';

/**
 * Keeps the room's bottom bar above the on-screen keyboard: phones shrink the visual viewport, not the layout one,
 * so a bar fixed to the bottom would sit under the keyboard. The gap is written to the element's `--kb` (px).
 */
export function useKeyboardInset(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const viewport = window.visualViewport;
    const el = ref.current;
    if (!viewport || !el) return;
    const update = () => {
      const hidden = Math.max(0, window.innerHeight - (viewport.height + viewport.offsetTop));
      el.style.setProperty('--kb', `${Math.round(hidden)}px`);
    };
    update();
    viewport.addEventListener('resize', update);
    viewport.addEventListener('scroll', update);
    return () => {
      viewport.removeEventListener('resize', update);
      viewport.removeEventListener('scroll', update);
    };
  }, [ref]);
}
