/** Turns the manifest's dotted default paths back into the nested options of `defineWorker`. */
export function nestDefaults(defaults: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [dotted, value] of Object.entries(defaults)) {
    const keys = dotted.split('.');
    const last = keys.pop() as string;
    let target = out;
    for (const key of keys) {
      const next = target[key];
      target = (typeof next === 'object' && next !== null ? next : (target[key] = {})) as Record<
        string,
        unknown
      >;
    }
    target[last] = value;
  }
  return out;
}
