/** Text files worth compressing; the rest (workbooks, images, Pagefind's already compressed index) is sent as is. */
export const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|xml|txt|csv|wasm|pagefind)$/;

/** The suffix of each precompressed copy, by `Content-Encoding`, in order of preference. */
export const compressedVariants = { br: '.br', gzip: '.gz' } as const;

export type Encoding = keyof typeof compressedVariants;

/** The encodings a request accepts, in our order of preference (`q=0` refuses one). */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  const accepted = new Map(
    (header ?? '').split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return [name, q ? Number(q.slice(2)) : 1] as const;
    }),
  );
  return (Object.keys(compressedVariants) as Encoding[]).filter((encoding) => (accepted.get(encoding) ?? accepted.get('*') ?? 0) > 0);
}
