import { describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';

const fixture = (name: string) => loadDictionary(readDictionaryFiles(`tests/fixtures/dictionary/${name}`));

describe('the optional cross-field keys of the dictionary (key, notBefore, requiredWhen)', () => {
  it('loads a dictionary that uses each of them without any problem', () => {
    const { dictionary, problems } = fixture('rules-valid');
    expect(problems.map(formatProblem)).toEqual([]);
    const entity = dictionary!.entities[0]!;
    expect(entity.key).toEqual(['INS_IDENTIFIANT', 'INS_SIRET']);
    const exit = entity.fields.find((field) => field.code === 'INS_DATE_SORTIE');
    expect(exit).toMatchObject({ constraints: { notBefore: 'INS_DATE_ENTREE' }, requiredWhen: { field: 'INS_STATUT', in: ['SORTI'] } });
  });

  it('reports every planted misuse at its own line, with the field code and the fix', () => {
    const { dictionary, problems } = fixture('rules-broken');
    expect(dictionary).toBeUndefined();
    expect(problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "dictionary/entities/inscription.yaml:83 — INS_MOTIF — La propriété « notBefore » doit être de la forme PRÉFIXE_NOM en capitales (ex. TIT_NIR).",
        "dictionary/entities/inscription.yaml:86 — INS_MOTIF — La propriété « in » doit contenir au moins un code.",
        "dictionary/entities/inscription.yaml:97 — INS_RANG — La propriété « in » (élément n° 1) n’a pas le bon type : il faut un texte.",
        "dictionary/entities/inscription.yaml:107 — INS_NOTE — La propriété « requiredWhen » n’a de sens que pour une obligation « conditionnelle » : retirez-la ou changez l’obligation.",
        "dictionary/entities/inscription.yaml:9 — inscription — Dans la clé, « INS_INCONNU » n’est pas un champ de l’entité « inscription ». Citez un champ déclaré dans ce fichier (INS_…).",
        "dictionary/entities/inscription.yaml:10 — inscription — La clé cite « INS_COMMENTAIRE », dont l’obligation est « facultative » : un enregistrement pourrait ne pas avoir de clé. Ne mettez dans la clé que des champs obligatoires.",
        "dictionary/entities/inscription.yaml:11 — inscription — Le champ « INS_IDENTIFIANT » apparaît deux fois dans la clé. Citez chaque champ une seule fois.",
        "dictionary/entities/inscription.yaml:37 — INS_COMMENTAIRE — La contrainte « notBefore » ne s’applique qu’au type date. Retirez la contrainte ou changez le type du champ.",
        "dictionary/entities/inscription.yaml:47 — INS_DATE_ENTREE — Le champ se cite lui-même (« INS_DATE_ENTREE »). Citez un autre champ de l’entité.",
        "dictionary/entities/inscription.yaml:50 — INS_DATE_ENTREE — « PARTI » n’est pas un code de la nomenclature « statut » du champ INS_STATUT. Citez un code de cette nomenclature.",
        "dictionary/entities/inscription.yaml:59 — INS_DATE_SORTIE — « INS_COMMENTAIRE » est de type « texte » : « notBefore » doit citer un champ de type date. Citez le champ date qui doit précéder celui-ci.",
        "dictionary/entities/inscription.yaml:62 — INS_DATE_SORTIE — « INS_COMMENTAIRE » n’est rattaché à aucune nomenclature : « requiredWhen » ne peut pas citer ses codes. Citez un champ rattaché à une nomenclature du dictionnaire.",
        "dictionary/entities/inscription.yaml:71 — INS_DATE_BILAN — « INS_DATE_FIN » n’est pas un champ de l’entité « inscription ». Citez un champ déclaré dans ce fichier (INS_…).",
        "dictionary/entities/inscription.yaml:74 — INS_DATE_BILAN — « PER_SEXE » est un champ de l’entité « personne » : seuls les champs de l’entité « inscription » peuvent être cités. Citez un champ déclaré dans ce fichier (INS_…).",
      ]
    `);
  });
});
