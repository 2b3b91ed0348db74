import type { History } from './history.ts';
import type { Dictionary } from './model.ts';
import type { PageItem } from './pages.ts';
import { changesUrl, codeAnchor, pageUrl, VERSIONS_URL } from './urls.ts';

export type { PageItem };

export interface VersionLink {
  version: string;
  href: string;
  /** Whether the target shows the very item (false: the nearest page, because the item is not in that version). */
  same: boolean;
  /**
   * Fragment rewrites for the reader's current anchor: `{ DOS_DATE_FIN_INTERRUPTION: 'DOS_DATE_REPRISE' }`
   * follows a rename, an empty string drops an anchor the target does not have. Other anchors are kept.
   */
  anchors: Record<string, string>;
}

/** The page of `target` that shows what `item` shows in `from`, or the nearest one. */
export function versionLink(history: History, from: Dictionary, target: Dictionary, item: PageItem): VersionLink {
  const version = target.manifest.version;
  const nearest = (kind: 'accueil' | 'nomenclatures') => pageUrl(version, { kind });
  const link = (href: string, same: boolean, anchors: Record<string, string> = {}): VersionLink => ({ version, href, same, anchors });
  switch (item.kind) {
    case 'entite': {
      if (!target.entities.some((entity) => entity.id === item.id)) return link(nearest('accueil'), false);
      return link(pageUrl(version, item), true, fieldAnchors(history, from, target, item.id));
    }
    case 'nomenclature': {
      const nomenclature = target.nomenclatures.find((n) => n.id === item.id);
      if (!nomenclature) return link(nearest('nomenclatures'), false);
      const kept = new Set([...nomenclature.values.map((value) => value.code), ...history.removedCodes(item.id, version).map((removed) => removed.value.code)]);
      const codes = from.nomenclatures.find((n) => n.id === item.id)?.values ?? [];
      return link(pageUrl(version, item), true, Object.fromEntries(codes.filter((value) => !kept.has(value.code)).map((value) => [codeAnchor(value.code), ''])));
    }
    case 'changements': {
      const hasChanges = history.versions.indexOf(target) > 0;
      return hasChanges ? link(changesUrl(version), true) : link(VERSIONS_URL, false);
    }
    default:
      return link(pageUrl(version, item), true);
  }
}

/** Anchors of an entity page's fields, mapped to the target version: renamed, kept as withdrawn, or dropped. */
function fieldAnchors(history: History, from: Dictionary, target: Dictionary, entity: string): Record<string, string> {
  const fromVersion = from.manifest.version;
  const version = target.manifest.version;
  const withdrawn = new Set(history.removedFields(entity, version).map((removed) => removed.field.code));
  const codes = [
    ...(from.entities.find((e) => e.id === entity)?.fields.map((field) => field.code) ?? []),
    ...history.removedFields(entity, fromVersion).map((removed) => removed.field.code),
  ];
  const anchors: Record<string, string> = {};
  for (const code of codes) {
    const found = history.locateField(code, fromVersion, version) ?? (history.field(fromVersion, code) ? undefined : history.field(version, code));
    if (found && found.entity === entity && found.code !== code) anchors[code] = found.code;
    else if (!found && !withdrawn.has(code)) anchors[code] = '';
    else if (found && found.entity !== entity) anchors[code] = '';
  }
  return anchors;
}
