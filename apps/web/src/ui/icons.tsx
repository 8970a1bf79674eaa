import type { ReactNode, SVGProps } from 'react';

/**
 * The app's icons, drawn as inline SVG so that they render the same on every phone: a stock Android or an old
 * iPhone has no glyph for many Unicode symbols and emoji, and shows a missing-glyph box instead. Each icon takes
 * the text colour (currentColor), is 1em square unless `size` says otherwise, and is hidden from screen readers
 * unless given a `title` (then it is an image with that name). Put the words on the control, not on the icon:
 * `<button aria-label="Đóng"><CloseIcon /></button>`.
 */
export interface IconProps extends Omit<SVGProps<SVGSVGElement>, 'children'> {
  /** Width and height: a number of pixels or a CSS length; default 1em (follows the font size). */
  size?: number | string;
  /** A spoken name; without it the icon is decorative (aria-hidden). */
  title?: string;
}

function svgIcon(name: string, body: ReactNode, filled = false) {
  function Icon({ size = '1em', title, className, ...rest }: IconProps) {
    return (
      <svg
        viewBox="0 0 24 24"
        width={size}
        height={size}
        fill={filled ? 'currentColor' : 'none'}
        stroke={filled ? 'none' : 'currentColor'}
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
        focusable="false"
        className={className ? `icon ${className}` : 'icon'}
        {...(title ? { role: 'img', 'aria-label': title } : { 'aria-hidden': true })}
        {...rest}
      >
        {title ? <title>{title}</title> : null}
        {body}
      </svg>
    );
  }
  Icon.displayName = name;
  return Icon;
}

export const ArrowLeftIcon = /* @__PURE__ */ svgIcon('ArrowLeftIcon', <path d="M19 12H5m6-6-6 6 6 6" />);
export const ArrowRightIcon = /* @__PURE__ */ svgIcon('ArrowRightIcon', <path d="M5 12h14m-6-6 6 6-6 6" />);
export const ArrowUpIcon = /* @__PURE__ */ svgIcon('ArrowUpIcon', <path d="M12 19V5m-6 6 6-6 6 6" />);
export const ArrowDownIcon = /* @__PURE__ */ svgIcon('ArrowDownIcon', <path d="M12 5v14m-6-6 6 6 6-6" />);
export const ChevronLeftIcon = /* @__PURE__ */ svgIcon('ChevronLeftIcon', <path d="m15 6-6 6 6 6" />);
export const ChevronRightIcon = /* @__PURE__ */ svgIcon('ChevronRightIcon', <path d="m9 6 6 6-6 6" />);
export const ChevronUpIcon = /* @__PURE__ */ svgIcon('ChevronUpIcon', <path d="m6 15 6-6 6 6" />);
export const ChevronDownIcon = /* @__PURE__ */ svgIcon('ChevronDownIcon', <path d="m6 9 6 6 6-6" />);
/** Sortable column, not sorted yet: both arrows. */
export const SortIcon = /* @__PURE__ */ svgIcon('SortIcon', <path d="m7 9 5-5 5 5M7 15l5 5 5-5" />);
export const SortAscIcon = /* @__PURE__ */ svgIcon('SortAscIcon', <path d="M6 15l6-7 6 7z" />, true);
export const SortDescIcon = /* @__PURE__ */ svgIcon('SortDescIcon', <path d="M6 9l6 7 6-7z" />, true);
export const CloseIcon = /* @__PURE__ */ svgIcon('CloseIcon', <path d="M6 6l12 12M18 6 6 18" />);
export const PlusIcon = /* @__PURE__ */ svgIcon('PlusIcon', <path d="M12 5v14M5 12h14" />);
export const MinusIcon = /* @__PURE__ */ svgIcon('MinusIcon', <path d="M5 12h14" />);
export const CheckIcon = /* @__PURE__ */ svgIcon('CheckIcon', <path d="m5 12 5 5 9-10" />);
const STAR = 'M12 3.2l2.7 5.6 6.1.8-4.5 4.2 1.1 6-5.4-2.9-5.4 2.9 1.1-6-4.5-4.2 6.1-.8z';
export const StarIcon = /* @__PURE__ */ svgIcon('StarIcon', <path d={STAR} />, true);
export const StarOutlineIcon = /* @__PURE__ */ svgIcon('StarOutlineIcon', <path d={STAR} />);
export const HeartIcon = /* @__PURE__ */ svgIcon(
  'HeartIcon',
  <path d="M12 20.5s-7.5-4.6-9.2-9.3C1.6 7.6 4 4.5 7.3 4.5c2 0 3.5 1.1 4.7 2.7 1.2-1.6 2.7-2.7 4.7-2.7 3.3 0 5.7 3.1 4.5 6.7-1.7 4.7-9.2 9.3-9.2 9.3z" />,
  true,
);
export const VolumeOnIcon = /* @__PURE__ */ svgIcon(
  'VolumeOnIcon',
  <>
    <path d="M4 9h4l5-4v14l-5-4H4z" />
    <path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" />
  </>,
);
export const VolumeOffIcon = /* @__PURE__ */ svgIcon(
  'VolumeOffIcon',
  <>
    <path d="M4 9h4l5-4v14l-5-4H4z" />
    <path d="m16 9 6 6m0-6-6 6" />
  </>,
);
export const BagIcon = /* @__PURE__ */ svgIcon(
  'BagIcon',
  <>
    <path d="M5 8h14l-1 12H6z" />
    <path d="M9 10V7a3 3 0 0 1 6 0v3" />
  </>,
);
export const CartIcon = /* @__PURE__ */ svgIcon(
  'CartIcon',
  <>
    <path d="M3 4h2l2.4 11h10.2L20 8H6.2" />
    <circle cx="9.5" cy="19.5" r="1.3" />
    <circle cx="16.5" cy="19.5" r="1.3" />
  </>,
);
export const PinIcon = /* @__PURE__ */ svgIcon(
  'PinIcon',
  <>
    <path d="M9 4h6l-1 5 3 3v2H7v-2l3-3z" />
    <path d="M12 14v6" />
  </>,
);
export const PlayIcon = /* @__PURE__ */ svgIcon('PlayIcon', <path d="M7 4.5v15l12.5-7.5z" />, true);
export const PauseIcon = /* @__PURE__ */ svgIcon('PauseIcon', <path d="M6 4.5h4v15H6zm8 0h4v15h-4z" />, true);
export const ShareIcon = /* @__PURE__ */ svgIcon(
  'ShareIcon',
  <>
    <circle cx="18" cy="5.5" r="2.5" />
    <circle cx="6" cy="12" r="2.5" />
    <circle cx="18" cy="18.5" r="2.5" />
    <path d="m8.2 10.8 7.6-4.1m-7.6 6.5 7.6 4.1" />
  </>,
);
export const BellIcon = /* @__PURE__ */ svgIcon(
  'BellIcon',
  <>
    <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
    <path d="M10 20.5a2 2 0 0 0 4 0" />
  </>,
);
export const SearchIcon = /* @__PURE__ */ svgIcon(
  'SearchIcon',
  <>
    <circle cx="11" cy="11" r="6.5" />
    <path d="m16 16 4.5 4.5" />
  </>,
);
export const EyeIcon = /* @__PURE__ */ svgIcon(
  'EyeIcon',
  <>
    <path d="M2 12s3.6-6.5 10-6.5S22 12 22 12s-3.6 6.5-10 6.5S2 12 2 12z" />
    <circle cx="12" cy="12" r="3" />
  </>,
);
export const UserIcon = /* @__PURE__ */ svgIcon(
  'UserIcon',
  <>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21a8 8 0 0 1 16 0" />
  </>,
);
export const ChatIcon = /* @__PURE__ */ svgIcon('ChatIcon', <path d="M4 5h16v11H9l-5 4z" />);
export const SendIcon = /* @__PURE__ */ svgIcon('SendIcon', <path d="M4 12 20 4l-6 16-3-7z" />);
export const ClockIcon = /* @__PURE__ */ svgIcon(
  'ClockIcon',
  <>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </>,
);
export const FullscreenIcon = /* @__PURE__ */ svgIcon(
  'FullscreenIcon',
  <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />,
);
export const HomeIcon = /* @__PURE__ */ svgIcon('HomeIcon', <path d="M4 11 12 4l8 7v9h-5v-6H9v6H4z" />);
export const MenuIcon = /* @__PURE__ */ svgIcon('MenuIcon', <path d="M4 7h16M4 12h16M4 17h16" />);
export const BanIcon = /* @__PURE__ */ svgIcon(
  'BanIcon',
  <>
    <circle cx="12" cy="12" r="8.5" />
    <path d="m6 6 12 12" />
  </>,
);
export const MuteIcon = /* @__PURE__ */ svgIcon(
  'MuteIcon',
  <>
    <path d="M4 5h16v11H9l-5 4z" />
    <path d="m4 4 16 16" />
  </>,
);
export const InfoIcon = /* @__PURE__ */ svgIcon(
  'InfoIcon',
  <>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 11v5.5M12 7.5v.5" />
  </>,
);
export const WarningIcon = /* @__PURE__ */ svgIcon(
  'WarningIcon',
  <>
    <path d="M12 3.5 22 20H2z" />
    <path d="M12 10v4.5M12 17.5v.5" />
  </>,
);
export const GiftIcon = /* @__PURE__ */ svgIcon(
  'GiftIcon',
  <>
    <path d="M4 10h16v10H4zM3 7h18v3H3zM12 7v13" />
    <path d="M12 7c-1.5-3-5-3.5-5-1.3C7 7 9 7 12 7c3 0 5 0 5-1.3C17 3.5 13.5 4 12 7z" />
  </>,
);
export const CopyIcon = /* @__PURE__ */ svgIcon(
  'CopyIcon',
  <>
    <rect x="8" y="8" width="12" height="12" rx="2" />
    <path d="M16 8V5a1 1 0 0 0-1-1H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3" />
  </>,
);
export const ExternalIcon = /* @__PURE__ */ svgIcon(
  'ExternalIcon',
  <path d="M14 4h6v6M20 4l-9 9M18 14v6H4V6h6" />,
);
