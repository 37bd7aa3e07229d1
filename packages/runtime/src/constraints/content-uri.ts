import type { ContentUriTrigger } from '@workscript/api';

/**
 * Content URIs as Android's ContentService walks them: the authority, then the path segments (empty
 * segments dropped, query and fragment ignored), e.g. `content://media/external/images` → media, external,
 * images. Null when `uri` is not a `content://` URI with an authority.
 */
export function parseContentUri(uri: unknown): readonly string[] | null {
  if (typeof uri !== 'string' || !uri.startsWith('content://')) return null;
  const [authority = '', ...path] = uri.slice('content://'.length).split(/[?#]/, 1).join('').split('/');
  if (authority === '') return null;
  return [authority, ...path.filter((s) => s !== '')];
}

/**
 * Whether a change reported on `changed` reaches an observer of `trigger`, as ContentService decides: a
 * change to the observed URI itself or to one of its ancestors always does (notifying `content://media`
 * reaches every observer below it); a change below the observed URI does only when the trigger is for
 * descendants too.
 */
export function contentChangeMatches(trigger: ContentUriTrigger, changed: readonly string[]): boolean {
  const observed = parseContentUri(trigger.uri);
  if (observed === null) return false;
  const common = Math.min(observed.length, changed.length);
  for (let i = 0; i < common; i++) if (observed[i] !== changed[i]) return false;
  return changed.length <= observed.length || trigger.isTriggeredForDescendants;
}
