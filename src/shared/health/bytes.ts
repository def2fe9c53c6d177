/** Byte sizes as OpenSearch writes them ('500mb', '1.5gb', '10b'): 1024-based, case-insensitive. */
const UNITS: Record<string, number> = {
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  p: 1024 ** 5,
  pb: 1024 ** 5,
};

export const BYTE_SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|kb?|mb?|gb?|tb?|pb?)\s*$/i;

/** Bytes of an OpenSearch byte size, or undefined when `text` is not one. */
export function parseByteSize(text: string): number | undefined {
  const m = BYTE_SIZE.exec(text);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
}
