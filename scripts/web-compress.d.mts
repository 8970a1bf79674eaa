/** Types of scripts/web-compress.mjs for the Vite config. */
export declare const COMPRESSIBLE: RegExp;
export declare function compressDir(dir: string): {
  files: number;
  original: number;
  br: number;
  gzip: number;
};
