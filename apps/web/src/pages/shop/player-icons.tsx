// The player's controls as inline SVG (24 px grid, currentColor): they draw the same on every phone, where symbol
// characters and emoji may show as missing-glyph boxes.
import type { SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement>;

function Svg({ children, ...props }: IconProps) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

/** A speaker with a cross: the sound is off. */
export function SoundOffIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3 9v6h4l5 4.5V4.5L7 9H3z" />
      <path d="M16 9l5 6m0-6l-5 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" fill="none" />
    </Svg>
  );
}

/** A speaker with waves: the sound is on. */
export function SoundOnIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3 9v6h4l5 4.5V4.5L7 9H3z" />
      <path
        d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        fill="none"
      />
    </Svg>
  );
}

export function PlayIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 5.5v13a1 1 0 0 0 1.5.86l10.2-6.5a1 1 0 0 0 0-1.72L9.5 4.64A1 1 0 0 0 8 5.5z" />
    </Svg>
  );
}

export function PauseIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="6" y="5" width="4" height="14" rx="1" />
      <rect x="14" y="5" width="4" height="14" rx="1" />
    </Svg>
  );
}

/** Four corners opening out: full screen. */
export function FullscreenIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path
        d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        fill="none"
      />
    </Svg>
  );
}

/** Four corners folding in: leave full screen. */
export function ExitFullscreenIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path
        d="M9 4v5H4M20 9h-5V4M15 20v-5h5M4 15h5v5"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        fill="none"
      />
    </Svg>
  );
}

/** A shopping bag with list lines: the replay's product chapters. */
export function ChaptersIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path
        d="M6 8h12l-1 12H7L6 8zM9 8V6.5a3 3 0 0 1 6 0V8"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
        fill="none"
      />
    </Svg>
  );
}

/** A dot with waves: on air now. */
export function GoLiveIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="12" r="4" />
      <path
        d="M5.6 5.6a9 9 0 0 0 0 12.8M18.4 5.6a9 9 0 0 1 0 12.8"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        fill="none"
      />
    </Svg>
  );
}
