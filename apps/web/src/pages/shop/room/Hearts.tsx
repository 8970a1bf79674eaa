import { useEffect, useRef, useState } from 'react';
import { HeartIcon } from './icons';

interface FloatingHeart {
  id: number;
  /** Offset from the right edge, in rem. */
  right: number;
  delay: number;
  hue: number;
  drift: number;
}

/** Hearts from many taps come as a burst: more of them, spread wider. */
export function heartsFor(count: number): number {
  if (count <= 0) return 0;
  return count >= 10 ? 12 : Math.min(count, 6);
}

function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true
  );
}

const HUES = [350, 330, 8, 300, 20];

/**
 * Hearts floating up from the right edge of the video: one for each of this viewer's taps (`taps` grows), and a
 * flight per reaction burst the room sends (`burst`), a wide burst when many tapped at once. None when the viewer
 * prefers reduced motion.
 */
export function FloatingHearts({
  burst,
  taps,
}: {
  burst: { at: number; counts: { heart: number } } | undefined;
  taps: number;
}) {
  const [hearts, setHearts] = useState<FloatingHeart[]>([]);
  const nextId = useRef(0);
  const timers = useRef(new Set<number>());

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);

  const launch = useRef((count: number, wide: boolean) => {
    if (count <= 0 || prefersReducedMotion()) return;
    const added = Array.from({ length: count }, (_, i) => ({
      id: nextId.current++,
      right: 0.5 + Math.random() * (wide ? 3.5 : 1.5),
      delay: i * (wide ? 90 : 140),
      hue: HUES[Math.floor(Math.random() * HUES.length)] ?? 350,
      drift: Math.round((Math.random() - 0.5) * (wide ? 80 : 40)),
    }));
    setHearts((current) => [...current, ...added].slice(-30));
    const ids = new Set(added.map((h) => h.id));
    const timer = window.setTimeout(() => {
      timers.current.delete(timer);
      setHearts((current) => current.filter((h) => !ids.has(h.id)));
    }, 2600 + count * 140);
    timers.current.add(timer);
  });

  useEffect(() => {
    if (burst) launch.current(heartsFor(burst.counts.heart), burst.counts.heart >= 10);
  }, [burst]);
  useEffect(() => {
    if (taps > 0) launch.current(1, false);
  }, [taps]);

  return (
    <div className="room-hearts" aria-hidden="true" data-testid="room-hearts">
      {hearts.map((h) => (
        <span
          key={h.id}
          className="floating-heart"
          style={
            {
              right: `${h.right}rem`,
              animationDelay: `${h.delay}ms`,
              color: `hsl(${h.hue} 85% 60%)`,
              '--drift': `${h.drift}px`,
            } as React.CSSProperties
          }
        >
          <HeartIcon />
        </span>
      ))}
    </div>
  );
}
