/** One language's locale files (`locales/<lang>/<namespace>.json`), keyed by namespace. */
export function byNamespace(
  files: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(files).map(([file, content]) => [/([\w-]+)\.json$/.exec(file)?.[1] ?? file, content]),
  );
}
