import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PushState } from '../../pwa/push';
import './notify.css';

const DISMISSED_KEY = 'ocop.push.dismissed';

function dismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Offers Web Push right after the user followed a host or asked for a reminder (their tap), once per browser
 * until they decide: the permission itself is asked only when they tap "turn on".
 */
export function EnablePush() {
  const { t, i18n } = useTranslation('notify');
  const [state, setState] = useState<PushState | 'working' | 'failed' | 'hidden'>('hidden');

  useEffect(() => {
    if (dismissed()) return;
    let live = true;
    void import('../../pwa/push')
      .then(({ pushState }) => pushState())
      .then((s) => live && setState(s === 'default' ? 'default' : 'hidden'))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  if (state === 'hidden' || state === 'off' || state === 'unsupported') return null;
  if (state === 'enabled' || state === 'denied' || state === 'failed') {
    return (
      <p className="notify-push small" role="status">
        {t(state === 'enabled' ? 'push.enabled' : state === 'denied' ? 'push.denied' : 'push.failed')}
      </p>
    );
  }
  const turnOn = () => {
    setState('working');
    void import('../../pwa/push')
      .then(({ enablePush }) => enablePush(i18n.language === 'en' ? 'en' : 'vi'))
      .then((s) => setState(s === 'default' ? 'hidden' : s))
      .catch(() => setState('failed'));
  };
  const later = () => {
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // private mode: asked again next time
    }
    setState('hidden');
  };
  return (
    <div className="notify-push" role="region" aria-label={t('push.enable')} data-testid="enable-push">
      <p className="small">{t('push.prompt')}</p>
      <div className="row">
        <button type="button" className="btn small" onClick={turnOn} disabled={state === 'working'}>
          {t('push.enable')}
        </button>
        <button type="button" className="btn small secondary" onClick={later}>
          {t('push.later')}
        </button>
      </div>
    </div>
  );
}
