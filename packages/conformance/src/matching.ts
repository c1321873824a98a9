/** Case-id filters as adopters write them: exact ids or RegExps over ids. */
export type CaseFilter = readonly (string | RegExp)[];

export const matchesAny = (id: string, patterns: CaseFilter | undefined): boolean =>
  (patterns ?? []).some((p) => (typeof p === 'string' ? p === id : p.test(id)));

/** The first line of an error, for reports. */
export const firstLine = (e: unknown): string => String((e as Error | undefined)?.message ?? e).split('\n')[0] ?? '';
