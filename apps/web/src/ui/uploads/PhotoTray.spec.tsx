/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AssetView } from '../../api/assets';
import '../../i18n';
import type { UploadTransport, UploadView } from '../../lib/chunked-upload';
import { PhotoTray } from './UploadParts';
import { useUploadTray } from './use-uploads';

// The farmer's photo tray on a phone: files picked from the gallery upload in the background (through a simulated
// api keeping the uploads contract), show their progress, become the product's photos in the order the farmer
// sets, and at most eight are taken.

function fakeApi() {
  const uploads = new Map<string, UploadView & { bytes: number }>();
  const gates: (() => void)[] = [];
  let held = false;
  const transport: UploadTransport<AssetView> = {
    create: async ({ purpose, byteLength }) => {
      const view = {
        id: `u${uploads.size + 1}`,
        purpose,
        byteLength,
        receivedBytes: 0,
        chunkBytes: 4,
        status: 'receiving' as const,
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
        bytes: 0,
      };
      uploads.set(view.id, view);
      return { ...view };
    },
    putChunk: async (id, offset, blob) => {
      if (held) await new Promise<void>((resolve) => gates.push(resolve));
      const u = uploads.get(id)!;
      u.receivedBytes = offset + blob.size;
      return { ...u };
    },
    status: async (id) => ({ ...uploads.get(id)! }),
    complete: async (id) => asset(id),
    asset: async (id) => asset(id),
    failureOf: () => ({ status: 0, code: 'NETWORK_ERROR' }),
  };
  function asset(id: string): AssetView {
    const n = id.replace(/^a?-?u/, '');
    return {
      id: `a-${n}`,
      purpose: 'product-photo',
      status: 'ready',
      errorCode: null,
      contentType: 'image/jpeg',
      image: {
        id: `a-${n}`,
        width: 800,
        height: 800,
        placeholder: 'data:image/jpeg;base64,AAAA',
        src: `/files/h${n}/p-480.jpg`,
        srcset: {
          avif: `/files/h${n}/p-160.avif 160w`,
          webp: `/files/h${n}/p-160.webp 160w`,
          jpeg: `/files/h${n}/p-160.jpg 160w`,
        },
      },
      document: null,
    };
  }
  return {
    transport,
    hold: () => (held = true),
    release: () => {
      held = false;
      for (const open of gates.splice(0)) open();
    },
  };
}

function Harness({ transport }: { transport: UploadTransport<AssetView> }) {
  const tray = useUploadTray('product-photo', [], { max: 8, transport });
  return (
    <>
      <PhotoTray tray={tray} max={8} name="Bình gốm" title="Ảnh" hint="gợi ý" testId="photos" />
      <output data-testid="order">{tray.items.map((i) => i.assetId ?? '?').join(',')}</output>
    </>
  );
}

const photo = (name: string) => new File(['0123456789'], name, { type: 'image/jpeg' });

beforeAll(() => {
  Object.assign(URL, { createObjectURL: () => 'blob:preview', revokeObjectURL: () => undefined });
});
afterEach(cleanup);

describe('the farmer’s photo tray', () => {
  it('uploads picked photos in the background with progress, then shows them processed, the first as cover', async () => {
    const api = fakeApi();
    api.hold();
    render(<Harness transport={api.transport} />);
    fireEvent.change(screen.getByTestId('photos-input'), {
      target: { files: [photo('a.jpg'), photo('b.jpg')] },
    });
    const items = await screen.findAllByTestId('photos-item');
    expect(items.map((i) => i.getAttribute('data-phase'))).toEqual(['sending', 'sending']);
    expect(screen.getAllByRole('progressbar')).toHaveLength(2);
    act(() => api.release());
    await waitFor(() =>
      expect(screen.getAllByTestId('photos-item').map((i) => i.getAttribute('data-phase'))).toEqual([
        'ready',
        'ready',
      ]),
    );
    expect(screen.getByTestId('order').textContent).toBe('a-1,a-2');
    expect(screen.getAllByTestId('photos-item')[0]?.textContent).toContain('Ảnh bìa');
    expect(document.querySelectorAll('picture source[type="image/avif"]')).toHaveLength(2);
  });

  it('reorders: a later photo becomes the cover; a removed one goes', async () => {
    const api = fakeApi();
    render(<Harness transport={api.transport} />);
    fireEvent.change(screen.getByTestId('photos-input'), {
      target: { files: [photo('a.jpg'), photo('b.jpg'), photo('c.jpg')] },
    });
    await waitFor(() => expect(screen.getByTestId('order').textContent).toBe('a-1,a-2,a-3'));
    fireEvent.click(screen.getByRole('button', { name: 'Chọn ảnh 3 làm ảnh bìa' }));
    expect(screen.getByTestId('order').textContent).toBe('a-3,a-1,a-2');
    fireEvent.click(screen.getByRole('button', { name: 'Đưa ảnh 2 ra sau' }));
    expect(screen.getByTestId('order').textContent).toBe('a-3,a-2,a-1');
    fireEvent.click(screen.getByRole('button', { name: 'Xóa ảnh 1' }));
    expect(screen.getByTestId('order').textContent).toBe('a-2,a-1');
  });

  it('takes at most eight photos and says so', async () => {
    const api = fakeApi();
    render(<Harness transport={api.transport} />);
    const ten = Array.from({ length: 10 }, (_, i) => photo(`p${i}.jpg`));
    fireEvent.change(screen.getByTestId('photos-input'), { target: { files: ten } });
    await waitFor(() => expect(screen.getAllByTestId('photos-item')).toHaveLength(8));
    expect(screen.getByText('Tối đa 8 ảnh: các ảnh thừa đã được bỏ qua.')).toBeTruthy();
    expect((screen.getByTestId('photos-input') as HTMLInputElement).disabled).toBe(true);
  });

  it('offers the camera and the gallery, with touch-sized targets', () => {
    const api = fakeApi();
    render(<Harness transport={api.transport} />);
    const camera = screen.getByTestId('photos-camera') as HTMLInputElement;
    expect(camera.getAttribute('capture')).toBe('environment');
    expect(camera.accept).toBe('image/*');
    expect((screen.getByTestId('photos-input') as HTMLInputElement).multiple).toBe(true);
  });
});
