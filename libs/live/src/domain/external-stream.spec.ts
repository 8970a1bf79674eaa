import { DomainError } from '@ocop/kernel';
import { parseExternalStream } from './external-stream';

function code(raw: string): string | undefined {
  try {
    parseExternalStream(raw);
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('a stream hosted elsewhere', () => {
  it('a YouTube live, watch or short link embeds the video', () => {
    for (const url of [
      'https://www.youtube.com/live/dQw4w9WgXcQ?si=abc',
      'https://youtube.com/watch?v=dQw4w9WgXcQ',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://m.youtube.com/shorts/dQw4w9WgXcQ',
    ]) {
      expect(parseExternalStream(url)).toMatchObject({
        provider: 'youtube',
        embedUrl: 'https://www.youtube.com/embed/dQw4w9WgXcQ',
      });
    }
  });

  it('a Facebook live becomes the video plugin with the link as href', () => {
    const parsed = parseExternalStream('https://www.facebook.com/HTXBatTrang/videos/1234567890123/');
    expect(parsed.provider).toBe('facebook');
    const embed = new URL(parsed.embedUrl ?? '');
    expect(embed.origin + embed.pathname).toBe('https://www.facebook.com/plugins/video.php');
    expect(embed.searchParams.get('href')).toBe('https://www.facebook.com/HTXBatTrang/videos/1234567890123/');
  });

  it('a TikTok account live or video gets TikTok’s embed', () => {
    expect(parseExternalStream('https://www.tiktok.com/@gombattrang/live').embedUrl).toBe(
      'https://www.tiktok.com/embed/live/gombattrang',
    );
    expect(
      parseExternalStream('https://www.tiktok.com/@gombattrang/video/7301234567890123456').embedUrl,
    ).toBe('https://www.tiktok.com/embed/v2/7301234567890123456');
  });

  it('any https HLS playlist plays directly', () => {
    expect(parseExternalStream('https://cdn.example.vn/live/phien-1/index.m3u8')).toEqual({
      provider: 'hls',
      url: 'https://cdn.example.vn/live/phien-1/index.m3u8',
      embedUrl: null,
    });
  });

  it('plain http, other sites, lookalike hosts, credentials and non-video pages are refused', () => {
    expect(code('http://cdn.example.vn/live.m3u8')).toBe('INVALID_EXTERNAL_STREAM');
    expect(code('https://evil.example/page')).toBe('INVALID_EXTERNAL_STREAM');
    expect(code('https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ')).toBe('INVALID_EXTERNAL_STREAM');
    expect(code('https://user:pw@cdn.example.vn/live.m3u8')).toBe('INVALID_EXTERNAL_STREAM');
    expect(code('https://www.youtube.com/@channel')).toBe('INVALID_EXTERNAL_STREAM');
    expect(code('https://www.facebook.com/HTXBatTrang')).toBe('INVALID_EXTERNAL_STREAM');
    expect(code('https://www.tiktok.com/explore')).toBe('INVALID_EXTERNAL_STREAM');
    expect(code('not a url')).toBe('INVALID_EXTERNAL_STREAM');
  });
});
