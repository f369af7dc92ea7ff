/** Reads a PSPLIB solution table (`Par Inst Makespan ...` rows) into "par_inst" → makespan. */
export function parseSolutions(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)/.exec(line);
    if (m) out.set(`${m[1]}_${m[2]}`, Number(m[3]));
  }
  return out;
}

/** "j6012_3.sm" in set "j60" → "12_3". */
export function instanceKey(set: string, file: string): string {
  const m = new RegExp(`^${set}(\\d+)_(\\d+)\\.sm$`).exec(file);
  if (!m) throw new Error(`not a ${set} instance file name: ${file}`);
  return `${m[1]}_${m[2]}`;
}
