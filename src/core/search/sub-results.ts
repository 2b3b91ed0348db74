/** What Pagefind reports for a section (an anchored heading and the text under it) of a matching page. */
export interface SubResult {
  url: string;
  weighted_locations: { weight: number; balanced_score: number }[];
}

export interface PageResult<S extends SubResult = SubResult> {
  url: string;
  meta?: { url?: string };
  sub_results: S[];
}

const score = (sub: SubResult) => sub.weighted_locations.reduce((sum, location) => sum + location.balanced_score, 0);

/**
 * Pagefind's interface shows the three sections with the most matching words, in page order: a long
 * section that repeats « de » beats the field whose heading is the query (« date de naissance » landed
 * on the NIR). Keeps instead the `shown` best sections by Pagefind's weighted score (headings weigh
 * more), best first; the page's own entry, when Pagefind gives one, stays in front.
 */
export function rankSubResults<R extends PageResult>(result: R, shown = 3): R {
  const page = result.meta?.url ?? result.url;
  const [first, ...others] = result.sub_results;
  const own = first?.url === page ? first : undefined;
  const sections = own ? others : result.sub_results;
  const best = sections
    .map((sub, index) => ({ sub, index, score: score(sub) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, shown)
    .map(({ sub }) => sub);
  return { ...result, sub_results: own ? [own, ...best] : best };
}
