/**
 * The ffmpeg command line that turns one publish into HLS. The input always arrives on stdin: FLV from the RTMP
 * server, or the browser camera's MediaRecorder chunks (WebM, or fragmented MP4 from Safari).
 */
export type IngestInput =
  | { container: 'flv'; videoCodec: string | number; audioCodec: string | number }
  | { container: 'webm' | 'mp4' };

export interface HlsOutput {
  /** The session's recording directory. */
  dir: string;
  /** Prefix of this publish's segment files: every reconnect writes new names, so a cached segment never changes. */
  part: string;
  segmentSeconds: number;
}

/** OBS and phone apps send H.264 + AAC over RTMP: copied as they are. Anything else is transcoded. */
export function canCopy(input: IngestInput): boolean {
  if (input.container !== 'flv') return false;
  const h264 = input.videoCodec === 7 || input.videoCodec === 'avc1';
  const aac = input.audioCodec === 10 || input.audioCodec === 'mp4a';
  return h264 && aac;
}

/** H.264 Main + AAC-LC in MPEG-TS: what hls.js and every phone plays; a key frame at each segment boundary. */
export function transcodeArgs(segmentSeconds: number): string[] {
  return [
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'zerolatency',
    '-profile:v',
    'main',
    '-pix_fmt',
    'yuv420p',
    '-vf',
    "scale=-2:'min(720,ih)'",
    '-force_key_frames',
    `expr:gte(t,n_forced*${segmentSeconds})`,
    '-sc_threshold',
    '0',
    '-b:v',
    '2500k',
    '-maxrate',
    '3000k',
    '-bufsize',
    '3000k',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-ar',
    '44100',
    '-ac',
    '2',
  ];
}

export function ffmpegArgs(input: IngestInput, output: HlsOutput): string[] {
  const demuxer = input.container === 'webm' ? 'matroska' : input.container === 'mp4' ? 'mov' : 'flv';
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    // Start quickly: the RTMP server sends the codec headers first; a camera's first chunk holds its own.
    '-probesize',
    '1000000',
    '-analyzeduration',
    '1000000',
    '-fflags',
    '+genpts',
    '-f',
    demuxer,
    '-i',
    'pipe:0',
    '-map',
    '0:v:0',
    '-map',
    '0:a:0?',
    ...(canCopy(input) ? ['-c', 'copy'] : transcodeArgs(output.segmentSeconds)),
    '-f',
    'hls',
    '-hls_time',
    String(output.segmentSeconds),
    '-hls_list_size',
    '0',
    // EVENT: segments are only ever added, so the whole recording stays in the playlist and becomes the replay.
    '-hls_playlist_type',
    'event',
    // No ENDLIST when a publisher drops (the show may resume); a reconnect appends to the same playlist; every
    // segment is stamped with its wall-clock time; segments and playlist appear atomically (written, then renamed).
    '-hls_flags',
    'program_date_time+omit_endlist+append_list+temp_file',
    '-hls_segment_type',
    'mpegts',
    '-hls_segment_filename',
    `${output.dir}/${output.part}_%05d.ts`,
    `${output.dir}/index.m3u8`,
  ];
}
