/** Types for tools/build.mjs (a plain ES module so it runs without a build step). */
export interface BuildOptions {
  /** recompile every file, not only the stale ones */
  force?: boolean;
  /** no summary line on stdout */
  quiet?: boolean;
}

export function build(options?: BuildOptions): Promise<{ compiled: number; total: number }>;
