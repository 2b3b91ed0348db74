import { describe, expect, it } from 'vitest';
import { diffDictionaries } from '../../src/core/dictionary/diff.ts';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import type { Dictionary, Field } from '../../src/core/dictionary/model.ts';
import { bumpBetween, compareVersions, nextVersion } from '../../src/core/dictionary/semver.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';

const base = loadDictionary(readDictionaryFiles('releases/1.0.0', '.')).dictionary as Dictionary;

/** A copy of 1.0.0 numbered `version`, changed by `edit`. */
function changed(edit: (d: Dictionary) => void, version = '9.9.9'): Dictionary {
  const copy = structuredClone(base);
  copy.manifest.version = version;
  edit(copy);
  return copy;
}
const field = (d: Dictionary, code: string) => d.entities.flatMap((e) => e.fields).find((f) => f.code === code) as Field;
const lines = (d: Dictionary) => diffDictionaries(base, d).changes.map((c) => `${c.bump} ${c.type} ${c.subject} — ${c.message}`);

describe('the diff between two versions', () => {
  it('finds nothing between a version and itself', () => {
    expect(diffDictionaries(base, structuredClone(base))).toMatchObject({ changes: [], bump: 'correctif' });
  });

  it('classes field changes by the bump they need, from the data sender’s side', () => {
    const next = changed((d) => {
      field(d, 'TIT_DATE_NAISSANCE').constraints = { min: '1900-01-01', max: '2026-11-25' };
      field(d, 'TIT_ADRESSE').constraints = { minLength: 1, maxLength: 300 };
      field(d, 'TIT_PRENOMS').constraints = { minLength: 1, maxLength: 100 };
      field(d, 'SES_EFFECTIF_PREVU').type = 'decimal';
      field(d, 'ACT_CERTIFIANTE').type = 'texte';
      field(d, 'TIT_NOM_USAGE').obligation = 'obligatoire';
      field(d, 'TIT_SEXE').obligation = 'facultative';
      field(d, 'TIT_NIR').condition = 'Obligatoire dès lors que le financeur est autorisé à collecter le NIR !';
      field(d, 'TIT_PAYS_NAISSANCE').condition = 'Obligatoire quand le titulaire est né hors de France ou à Mayotte.';
      Object.assign(field(d, 'TIT_ID_FRANCE_TRAVAIL'), { requiredWhen: { field: 'TIT_STATUT_ENTREE', in: ['DE_INSCRIT'] } });
      Object.assign(field(d, 'FIN_IDENTIFIANT'), { personalData: true, sensitivity: 'normale' });
      field(d, 'DOS_ABANDON').until = '2.0.0';
      field(d, 'ACT_INTITULE').lheo = 'intitule-formation';
      field(d, 'ACT_INTITULE').label = 'Intitulé de la formation';
      field(d, 'ACT_INTITULE').sources = ['lheo'];
      field(d, 'ORG_UAI').binding = { referential: 'siret' };
    });
    expect(lines(next)).toMatchInlineSnapshot(`
      [
        "correctif field-condition TIT_NIR — Condition : « Obligatoire dès lors que le financeur est autorisé à collecter le NIR. » → « Obligatoire dès lors que le financeur est autorisé à collecter le NIR ! ».",
        "majeure field-obligation TIT_NOM_USAGE — Obligation : facultative → obligatoire.",
        "majeure field-constraint TIT_PRENOMS — Contrainte « longueur maximale » : 150 → 100.",
        "mineure field-obligation TIT_SEXE — Obligation : obligatoire → facultative.",
        "majeure field-constraint TIT_DATE_NAISSANCE — Contrainte « maximum » ajoutée : 2026-11-25.",
        "majeure field-condition TIT_PAYS_NAISSANCE — Condition : « Obligatoire quand le titulaire est né hors de France. » → « Obligatoire quand le titulaire est né hors de France ou à Mayotte. ».",
        "mineure field-constraint TIT_ADRESSE — Contrainte « longueur maximale » : 250 → 300.",
        "mineure field-required-when TIT_ID_FRANCE_TRAVAIL — Condition rendue vérifiable : obligatoire quand TIT_STATUT_ENTREE ∈ {DE_INSCRIT}.",
        "majeure field-binding ORG_UAI — Liste de valeurs : référentiel « uai » → référentiel « siret ».",
        "correctif field-wording ACT_INTITULE — Modifié : libellé.",
        "correctif field-sources ACT_INTITULE — Sources : ajoutées « lheo » ; retirées « decret-2017-772 ».",
        "correctif field-lheo ACT_INTITULE — Élément LHÉO : intitule-formation.",
        "majeure field-type ACT_CERTIFIANTE — Type : booléen → texte.",
        "mineure field-type SES_EFFECTIF_PREVU — Type : entier → décimal.",
        "mineure field-deprecated DOS_ABANDON — Retrait annoncé pour la version 2.0.0.",
        "mineure field-personal-data FIN_IDENTIFIANT — Caractère personnel : donnée non personnelle → donnée personnelle.",
      ]
    `);
  });

  it('tells a declared rename from a removal and an addition, and never guesses one', () => {
    const renamed = changed((d) => {
      Object.assign(field(d, 'DOS_DATE_FIN_INTERRUPTION'), { code: 'DOS_DATE_REPRISE', formerly: 'DOS_DATE_FIN_INTERRUPTION' });
      Object.assign(field(d, 'DOS_ABANDON'), { code: 'DOS_ABANDON_VOLONTAIRE', since: '9.9.9' });
    });
    expect(lines(renamed)).toMatchInlineSnapshot(`
      [
        "majeure field-renamed DOS_DATE_REPRISE — Champ renommé : DOS_DATE_FIN_INTERRUPTION → DOS_DATE_REPRISE.",
        "mineure field-added DOS_ABANDON_VOLONTAIRE — Nouveau champ facultatif « Abandon ».",
        "majeure field-removed DOS_ABANDON — Champ retiré « Abandon ».",
      ]
    `);
  });

  it('classes code-list changes: an added code is compatible, a removed one is not', () => {
    const next = changed((d) => {
      const sexe = d.nomenclatures.find((n) => n.id === 'sexe');
      sexe?.values.push({ code: '9', label: 'Non renseigné', since: '9.9.9' });
      const modalite = d.nomenclatures.find((n) => n.id === 'modalite');
      if (modalite) modalite.values = modalite.values.filter((v) => v.code !== 'MIXTE');
      const fonds = d.nomenclatures.find((n) => n.id === 'type-fonds');
      if (fonds?.values[3]) fonds.values[3].until = '2.0.0';
    });
    expect(lines(next)).toMatchInlineSnapshot(`
      [
        "majeure code-removed modalite / MIXTE — Code retiré « MIXTE » : Mixte.",
        "mineure code-added sexe / 9 — Nouveau code « 9 » : Non renseigné.",
        "mineure code-deprecated type-fonds / PRIVE — Retrait du code annoncé pour la version 2.0.0.",
      ]
    `);
  });

  it('reports sources, entities and referentials, and the strongest bump of all', () => {
    const next = changed((d) => {
      d.sources.push({ id: 'decret-2019-1049', title: 'Décret n° 2019-1049 du 11 octobre 2019', reference: 'Légifrance' });
      const titre = d.sources.find((s) => s.id === 'decret-2024-1236');
      if (titre) titre.title = 'Décret n° 2024-1236 du 30 décembre 2024 relatif au système d’information du compte personnel de formation';
      Object.assign(d.entities[0] as object, { key: ['TIT_IDENTIFIANT'] });
      const nda = d.referentials.find((r) => r.id === 'nda');
      if (nda) nda.pattern = '^\\d{11}$|^\\d{2}[A-Z]\\d{8}$';
    });
    const diff = diffDictionaries(base, next);
    expect(lines(next)).toMatchInlineSnapshot(`
      [
        "majeure entity-key titulaire — Clé d’enregistrement : TIT_IDENTIFIANT (les doublons sont refusés).",
        "majeure referential-rule nda — Motif des codes : ^\\d{11}$ → ^\\d{11}$|^\\d{2}[A-Z]\\d{8}$.",
        "correctif source-wording decret-2024-1236 — Modifié : titre.",
        "correctif source-added decret-2019-1049 — Nouvelle source : Décret n° 2019-1049 du 11 octobre 2019.",
      ]
    `);
    expect(diff.bump).toBe('majeure');
  });
});

describe('version numbers', () => {
  it('orders numbers numerically and computes the next one for each bump', () => {
    expect(['1.10.0', '1.2.0', '10.0.0', '1.2.1'].sort(compareVersions)).toEqual(['1.2.0', '1.2.1', '1.10.0', '10.0.0']);
    expect(['majeure', 'mineure', 'correctif'].map((bump) => nextVersion('1.2.3', bump as 'majeure'))).toEqual(['2.0.0', '1.3.0', '1.2.4']);
  });

  it('tells the bump between two numbers, and refuses numbers that do not follow', () => {
    expect(bumpBetween('1.0.0', '1.1.0')).toEqual({ bump: 'mineure' });
    expect(bumpBetween('1.0.0', '2.0.0')).toEqual({ bump: 'majeure' });
    expect(bumpBetween('1.0.0', '1.0.1')).toEqual({ bump: 'correctif' });
    expect(bumpBetween('1.1.0', '1.0.5')).toEqual({ problem: 'la version 1.0.5 n’est pas postérieure à la version publiée 1.1.0' });
    expect(bumpBetween('1.0.0', '1.1.1')).toEqual({ problem: 'une version mineure remet à zéro le dernier nombre (1.1.0)' });
    expect(bumpBetween('1.0.0', '2.1.0')).toEqual({ problem: 'une version majeure remet à zéro les deux autres nombres (2.0.0)' });
  });
});
