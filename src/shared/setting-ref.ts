/**
 * A setting named inside a message (a hint, an error), written `⟦name⟧` or `⟦name=value⟧`. The
 * front end renders it in the form the user is using (`--force` on the command line, `force: true`
 * in an action), see `renderSettingRefs` in settings/names.ts. Any layer may use this: it imports nothing.
 */
export function settingRef(name: string, value?: string | number | boolean): string {
  return value === undefined ? `⟦${name}⟧` : `⟦${name}=${value}⟧`;
}
