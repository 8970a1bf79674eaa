import { useEffect, useRef, useState } from 'react';
import type { DashboardTotals } from '../../realtime/contract';
import { emitWithAck, getSocket } from '../../realtime/socket';
import { throttle } from './throttle';

export type DashboardRoom = { scope: 'farmer' } | { scope: 'branch'; branchId: string };

/** At most one refetch of the report queries per this many milliseconds, however fast sales come in. */
export const REFETCH_INTERVAL_MS = 3000;

function matches(room: DashboardRoom, totals: DashboardTotals): boolean {
  return room.scope === 'farmer'
    ? totals.scope === 'farmer'
    : totals.scope === 'branch' && totals.branchId === room.branchId;
}

/**
 * Joins a live dashboard room (`dashboard:join`; joined again after a reconnect) and keeps its latest
 * `dashboard:totals` push (today's and the last 30 days' figures). Each push also calls `onPush`, throttled,
 * so the page refetches its report queries.
 */
export function useLiveDashboard(room: DashboardRoom | undefined, onPush: () => void) {
  const [totals, setTotals] = useState<DashboardTotals>();
  const [connected, setConnected] = useState(false);
  const pushRef = useRef(onPush);
  useEffect(() => {
    pushRef.current = onPush;
  }, [onPush]);

  const scope = room?.scope;
  const branchId = room?.scope === 'branch' ? room.branchId : undefined;

  useEffect(() => {
    if (!scope) return undefined;
    const current: DashboardRoom = scope === 'branch' && branchId ? { scope, branchId } : { scope: 'farmer' };
    if (scope === 'branch' && !branchId) return undefined;
    const socket = getSocket();
    let active = true;
    const refetch = throttle(() => pushRef.current(), REFETCH_INTERVAL_MS);
    const join = () => {
      emitWithAck('dashboard:join', current)
        .then((answer) => {
          if (!active) return;
          setConnected(true);
          if (matches(current, answer.totals)) setTotals(answer.totals);
        })
        .catch(() => {
          if (active) setConnected(false);
        });
    };
    const onTotals = (next: DashboardTotals) => {
      if (!matches(current, next)) return;
      setTotals(next);
      refetch();
    };
    const onDisconnect = () => setConnected(false);
    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('dashboard:totals', onTotals);
    if (socket.connected) join();
    return () => {
      active = false;
      refetch.cancel();
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('dashboard:totals', onTotals);
      setTotals(undefined);
      setConnected(false);
      if (socket.connected) emitWithAck('dashboard:leave', current).catch(() => undefined);
    };
  }, [scope, branchId]);

  return { totals, connected };
}
