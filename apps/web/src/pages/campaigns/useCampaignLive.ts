import { useEffect, useRef, useState } from 'react';
import { emitWithAck, getSocket } from '../../realtime/socket';
import { throttle } from '../reports/throttle';

/** At most one refetch per this many milliseconds, however fast the campaign moves. */
export const CAMPAIGN_REFETCH_MS = 3000;

/**
 * Joins a campaign's room (`campaign:join`, again after a reconnect); each `campaign:changed` calls `onChange`,
 * throttled, so the page refetches its figures over HTTP (where access is checked).
 */
export function useCampaignLive(campaignId: string | undefined, onChange: () => void) {
  const [connected, setConnected] = useState(false);
  const changeRef = useRef(onChange);
  useEffect(() => {
    changeRef.current = onChange;
  }, [onChange]);
  useEffect(() => {
    if (!campaignId) return undefined;
    const socket = getSocket();
    let active = true;
    const refetch = throttle(() => changeRef.current(), CAMPAIGN_REFETCH_MS);
    const join = () => {
      emitWithAck('campaign:join', { campaignId })
        .then(() => active && setConnected(true))
        .catch(() => active && setConnected(false));
    };
    const onChanged = (event: { campaignId: string }) => {
      if (event.campaignId === campaignId) refetch();
    };
    const onDisconnect = () => setConnected(false);
    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('campaign:changed', onChanged);
    if (socket.connected) join();
    return () => {
      active = false;
      refetch.cancel();
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('campaign:changed', onChanged);
      if (socket.connected) emitWithAck('campaign:leave', { campaignId }).catch(() => undefined);
    };
  }, [campaignId]);
  return { connected };
}
