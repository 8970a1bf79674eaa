import { LiveError } from './live.errors';

export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_ACTIONS = ['go_live', 'end', 'cancel'] as const;
export type SessionAction = (typeof SESSION_ACTIONS)[number];

interface Transition {
  from: readonly SessionStatus[];
  to: SessionStatus;
}

/** The session lifecycle as a table: scheduled -> live -> ended, or scheduled -> cancelled. Nothing comes back. */
export const SESSION_TRANSITIONS: Readonly<Record<SessionAction, Transition>> = {
  go_live: { from: ['scheduled'], to: 'live' },
  end: { from: ['live'], to: 'ended' },
  cancel: { from: ['scheduled'], to: 'cancelled' },
};

export function canTransitionSession(from: SessionStatus, action: SessionAction): boolean {
  return SESSION_TRANSITIONS[action].from.includes(from);
}

/** The status after `action`, or a coded ILLEGAL_SESSION_TRANSITION error (409). */
export function nextSessionStatus(from: SessionStatus, action: SessionAction): SessionStatus {
  if (!canTransitionSession(from, action)) {
    throw new LiveError('ILLEGAL_SESSION_TRANSITION', `A session that is ${from} cannot ${verb(action)}`, {
      from,
      action,
      allowedFrom: SESSION_TRANSITIONS[action].from,
    });
  }
  return SESSION_TRANSITIONS[action].to;
}

function verb(action: SessionAction): string {
  switch (action) {
    case 'go_live':
      return 'go live';
    case 'end':
      return 'end';
    case 'cancel':
      return 'be cancelled';
  }
}

/** Title, description, start time, cover and lineup change only before the session starts. */
export function isEditable(status: SessionStatus): boolean {
  return status === 'scheduled';
}

/** Pins, staff changes and presence make sense while the session is upcoming or on air. */
export function isOpen(status: SessionStatus): boolean {
  return status === 'scheduled' || status === 'live';
}

export function isSessionStatus(value: unknown): value is SessionStatus {
  return typeof value === 'string' && (SESSION_STATUSES as readonly string[]).includes(value);
}
