import { allFields, type Dictionary, type Field } from './model.ts';
import type { NomenclatureValue } from './schemas/nomenclature.ts';
import { compareVersions } from './semver.ts';

/** Where an item went after a version: withdrawn, or renamed (declared by `formerly`). */
export interface Fate {
  /** First later version without the item. */
  removedIn?: string;
  /** The item's new code and the version that renamed it. */
  renamed?: { code: string; version: string };
}

export interface RemovedField {
  field: Field;
  /** Last version that had it, where its page is. */
  lastVersion: string;
  removedIn: string;
}

export interface RemovedCode {
  value: NomenclatureValue;
  lastVersion: string;
  removedIn: string;
}

/**
 * The life of fields and codes across every version the site builds: where a field went (renamed,
 * withdrawn), where it came from, what a newer version no longer has. Pages use it for « depuis la
 * version X », « retiré en version Y » and for a version selector that keeps the reader on the same item.
 */
export class History {
  /** Oldest first. */
  readonly versions: readonly Dictionary[];
  readonly #fields: Map<string, Map<string, Field>>;

  constructor(versions: readonly Dictionary[]) {
    this.versions = [...versions].sort((a, b) => compareVersions(a.manifest.version, b.manifest.version));
    this.#fields = new Map(this.versions.map((d) => [d.manifest.version, new Map(allFields(d).map((field) => [field.code, field]))]));
  }

  #position(version: string): number {
    return this.versions.findIndex((d) => d.manifest.version === version);
  }

  field(version: string, code: string): Field | undefined {
    return this.#fields.get(version)?.get(code);
  }

  /** The field `code` of version `from` becomes, one version later: the same code, its declared new code, or nothing. */
  #next(code: string, from: number): Field | undefined {
    const next = this.versions[from + 1];
    if (!next) return undefined;
    const fields = this.#fields.get(next.manifest.version);
    return fields?.get(code) ?? [...(fields?.values() ?? [])].find((field) => field.formerly === code && !fields?.has(code));
  }

  /** The field `code` of version `from` was, one version earlier. */
  #previous(field: Field, from: number): Field | undefined {
    const previous = this.versions[from - 1];
    if (!previous) return undefined;
    const fields = this.#fields.get(previous.manifest.version);
    return fields?.get(field.code) ?? (field.formerly ? fields?.get(field.formerly) : undefined);
  }

  /** The same field in version `to`, following declared renames forwards or backwards. */
  locateField(code: string, from: string, to: string): Field | undefined {
    let position = this.#position(from);
    const target = this.#position(to);
    let field = this.field(from, code);
    while (field && position !== target && position >= 0 && target >= 0) {
      field = position < target ? this.#next(field.code, position) : this.#previous(field, position);
      position += position < target ? 1 : -1;
    }
    return field;
  }

  /** What becomes of field `code` of `version` in the following versions. */
  fieldFate(code: string, version: string): Fate {
    let position = this.#position(version);
    let current = this.field(version, code);
    while (current && position >= 0 && position < this.versions.length - 1) {
      const next = this.#next(current.code, position);
      const nextVersion = this.versions[position + 1]?.manifest.version ?? '';
      if (!next) return { removedIn: nextVersion };
      if (next.code !== current.code) return { renamed: { code: next.code, version: nextVersion } };
      current = next;
      position += 1;
    }
    return {};
  }

  /** The codes a field had before `version`, each with the last version that used it. */
  formerCodes(code: string, version: string): { code: string; until: string }[] {
    const codes: { code: string; until: string }[] = [];
    let position = this.#position(version);
    let field = this.field(version, code);
    while (field && position > 0) {
      const previous = this.#previous(field, position);
      const previousVersion = this.versions[position - 1]?.manifest.version ?? '';
      if (previous && previous.code !== field.code) codes.push({ code: previous.code, until: previousVersion });
      field = previous;
      position -= 1;
    }
    return codes;
  }

  /** Fields of an entity that earlier versions had and `version` no longer has (neither as such nor renamed). */
  removedFields(entity: string, version: string): RemovedField[] {
    const position = this.#position(version);
    const removed = new Map<string, RemovedField>();
    for (let p = 0; p < position; p += 1) {
      const older = this.versions[p] as Dictionary;
      for (const field of allFields(older)) {
        // A field restored under its code (its history kept) is a field of `version`, not a removed one.
        if (field.entity !== entity || removed.has(field.code) || this.field(version, field.code)) continue;
        if (this.locateField(field.code, older.manifest.version, version)) continue;
        const fate = this.fieldFate(field.code, older.manifest.version);
        if (!fate.removedIn) continue;
        removed.set(field.code, { field, lastVersion: this.versions[this.#position(fate.removedIn) - 1]?.manifest.version ?? older.manifest.version, removedIn: fate.removedIn });
      }
    }
    return [...removed.values()];
  }

  #codes(version: string, nomenclature: string): NomenclatureValue[] | undefined {
    return this.versions[this.#position(version)]?.nomenclatures.find((n) => n.id === nomenclature)?.values;
  }

  /** First version after `version` whose nomenclature no longer has `code`. */
  codeRemovedIn(nomenclature: string, code: string, version: string): string | undefined {
    for (let p = this.#position(version) + 1; p < this.versions.length; p += 1) {
      const version = this.versions[p]?.manifest.version ?? '';
      if (!this.#codes(version, nomenclature)?.some((value) => value.code === code)) return version;
    }
    return undefined;
  }

  /** Codes of a nomenclature that earlier versions had and `version` no longer has. */
  removedCodes(nomenclature: string, version: string): RemovedCode[] {
    const present = new Set(this.#codes(version, nomenclature)?.map((value) => value.code));
    const removed = new Map<string, RemovedCode>();
    for (let p = this.#position(version) - 1; p >= 0; p -= 1) {
      const older = this.versions[p]?.manifest.version ?? '';
      for (const value of this.#codes(older, nomenclature) ?? []) {
        if (present.has(value.code) || removed.has(value.code)) continue;
        removed.set(value.code, { value, lastVersion: older, removedIn: this.codeRemovedIn(nomenclature, value.code, older) ?? version });
      }
    }
    return [...removed.values()];
  }
}
