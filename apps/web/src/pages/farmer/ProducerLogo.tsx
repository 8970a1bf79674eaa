import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachLogo, type ImageView } from '../../api/assets';
import type { Schema } from '../../api/client';
import { useErrorMessage } from '../../ui/components';
import { SingleUpload } from '../../ui/uploads/UploadParts';
import { itemOf, readyIds, useUploadTray } from '../../ui/uploads/use-uploads';
import { PHOTO_TYPES } from './ProductMedia';

type Producer = Schema<'ProducerResponse'>;

/** The producer's logo: taken or chosen on the phone, uploaded in the background, saved once processed. */
export function ProducerLogoCard({ producer }: { producer: Producer }) {
  const { t } = useTranslation('farmer');
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const logo = (producer as Producer & { logo?: ImageView | null }).logo ?? null;
  const tray = useUploadTray('producer-logo', logo ? [itemOf(logo)] : []);
  const saved = useRef(logo?.id ?? '');
  const [problem, setProblem] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [ready] = readyIds(tray.items).slice(-1);
  useEffect(() => {
    if (!ready || ready === saved.current) return;
    saved.current = ready;
    attachLogo(ready)
      .then((updated) => {
        queryClient.setQueryData(['farmer', 'producer'], updated);
        setProblem(null);
        setDone(true);
      })
      .catch((error: unknown) => {
        saved.current = '';
        setProblem(error);
      });
  }, [ready, queryClient]);
  return (
    <section className="card stack" data-testid="producer-logo-card">
      <SingleUpload
        tray={tray}
        name={producer.name}
        kind="producer"
        title={t('logo.title')}
        hint={t('logo.hint')}
        accept={PHOTO_TYPES}
        testId="producer-logo"
      />
      {problem !== null && (
        <p className="alert" role="alert">
          {errorMessage(problem)}
        </p>
      )}
      <p className="small" role="status">
        {done ? t('logo.saved') : ''}
      </p>
    </section>
  );
}
