import { describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/core/dictionary/load.ts';
import { allFields } from '../../src/core/dictionary/model.ts';
import { formatProblem } from '../../src/core/problems.ts';
import { readDictionaryFiles } from '../../src/node/dictionary-files.ts';

const fixture = (name: string) => loadDictionary(readDictionaryFiles(`tests/fixtures/dictionary/${name}`));

describe('the dictionary loader', () => {
  it('loads a valid dictionary without any problem', () => {
    const { dictionary, problems } = fixture('valid');
    expect(problems).toEqual([]);
    expect(allFields(dictionary!).map((field) => `${field.entity}.${field.code}`)).toEqual([
      'personne.PER_NOM',
      'personne.PER_SEXE',
      'personne.PER_EMPLOYEUR',
      'personne.PER_NAISSANCE',
    ]);
  });

  it('reports every planted mistake of a broken dictionary at once, with file:line and code', () => {
    const { dictionary, problems } = fixture('broken');
    expect(dictionary).toBeUndefined();
    expect(problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "dictionary/manifest.yaml:3 — La propriété « status » doit valoir « brouillon » ou « publiée ».",
        "dictionary/entities/organisme.yaml:29 — PER_DEPUIS — Propriété inconnue : « unit ». Vérifiez l’orthographe ou retirez-la.",
        "dictionary/entities/personne.yaml:11 — PER_NOM — La propriété « type » doit valoir l’un de « texte », « entier », « decimal », « date », « booleen », « code ».",
        "dictionary/nomenclatures/sexe.yaml:11 — sexe — Le code « 1 » apparaît deux fois dans la nomenclature. Chaque code doit être unique.",
        "dictionary/entities/personne.yaml:23 — PER_SEXE — La nomenclature « genre » n’existe pas. Créez dictionary/nomenclatures/<id>.yaml ou corrigez l’identifiant.",
        "dictionary/entities/personne.yaml:30 — PER_SEXE — Le code « PER_SEXE » est déjà utilisé (dictionary/entities/personne.yaml:19). Chaque champ a un code unique dans tout le dictionnaire.",
        "dictionary/entities/personne.yaml:49 — PER_NAISSANCE — L’exemple ne respecte pas le champ : la valeur n’est pas une date réelle au format AAAA-MM-JJ. Donnez un exemple fictif qui respecte le type, les contraintes et la liste de valeurs.",
        "dictionary/entities/organisme.yaml:2 — Le fichier s’appelle « organisme » mais l’identifiant est « structure ». Renommez le fichier en structure.yaml ou corrigez l’identifiant.",
        "dictionary/entities/organisme.yaml:3 — Le préfixe « PER » est déjà celui de l’entité « personne ». Choisissez un préfixe propre à cette entité.",
        "dictionary/entities/organisme.yaml:7 — structure — La source « texte-inconnu » n’existe pas dans sources.yaml. Ajoutez-la à dictionary/sources.yaml ou corrigez son identifiant.",
        "dictionary/entities/organisme.yaml:9 — ORG_SIRET — Le code doit commencer par le préfixe de l’entité « PER_ ». Renommez le champ en PER_…",
        "dictionary/entities/organisme.yaml:17 — ORG_SIRET — L’exemple ne respecte pas le champ : la clé de contrôle du SIREN (9 premiers chiffres du SIRET) est fausse : un chiffre est erroné ou inversé. Donnez un exemple fictif qui respecte le type, les contraintes et la liste de valeurs.",
      ]
    `);
  });

  it('reports YAML syntax errors with their line and keeps checking the other files', () => {
    const files = readDictionaryFiles('tests/fixtures/dictionary/valid').map((file) =>
      file.path.endsWith('nomenclatures/sexe.yaml') ? { ...file, text: 'id: sexe\nlabel: [Sexe\n' } : file,
    );
    const { problems } = loadDictionary([...files, { path: 'dictionary/notes.txt', text: '' }]);
    expect(problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "dictionary/notes.txt — Ce fichier n’est pas à un emplacement connu du dictionnaire. Placez-le dans dictionary/entities/ ou dictionary/nomenclatures/, ou supprimez-le.",
        "dictionary/nomenclatures/sexe.yaml:2 — Le fichier n’est pas du YAML valide : le crochet « [ » ouvert à cette ligne n’est pas refermé. Ajoutez « ] » à la fin de la valeur, sur cette même ligne.",
      ]
    `);
  });

  it('names a missing manifest', () => {
    const files = readDictionaryFiles('tests/fixtures/dictionary/valid').filter((file) => !file.path.endsWith('manifest.yaml'));
    expect(loadDictionary(files).problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "dictionary/manifest.yaml — Le fichier dictionary/manifest.yaml est introuvable. Chaque version du dictionnaire a exactement un fichier de ce nom.",
      ]
    `);
  });
});

describe('the shipped dictionary', () => {
  const { dictionary, problems } = loadDictionary(readDictionaryFiles(process.cwd()));

  it('loads without any problem', () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('covers the entities of a training-file exchange with at least 100 fields', () => {
    expect(allFields(dictionary!).length).toBeGreaterThanOrEqual(100);
    expect(dictionary!.entities.map((entity) => entity.id)).toEqual(
      expect.arrayContaining(['titulaire', 'organisme', 'action', 'session', 'dossier', 'financement', 'dispositif']),
    );
  });

  it('flags the NIR as personal data of high sensitivity', () => {
    const nir = allFields(dictionary!).find((field) => field.code === 'TIT_NIR');
    expect(nir).toMatchObject({ personalData: true, sensitivity: 'élevée', binding: { referential: 'nir' } });
  });

  it('ships the eight qualification levels of the 2019 national framework', () => {
    const levels = dictionary!.nomenclatures.find((n) => n.id === 'niveau-qualification');
    expect(levels?.values.map((value) => value.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });
});
