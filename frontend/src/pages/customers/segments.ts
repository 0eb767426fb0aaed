// Customer segments as choices: the ones in use (GET /customer-segments), plus the one already
// chosen (a URL or a record can name a segment no customer uses any more), without duplicates or blanks.

/** The segments to offer, in the server's order, with `current` first when it is not among them. */
export function segmentOptions(inUse: readonly string[] | undefined, current?: string | null): string[] {
  const list = [...new Set((inUse ?? []).map((s) => s.trim()).filter(Boolean))];
  const c = (current ?? '').trim();
  return c && !list.includes(c) ? [c, ...list] : list;
}
