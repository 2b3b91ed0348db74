import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isEngineRule } from '../../src/core/dictionary/check-value.ts';
import { catalogues, type ValidatorId } from '../../src/core/rules/catalogue.ts';
import { ruleUrl } from '../../src/core/rules/urls.ts';
import { workbookShapes } from '../../src/core/workbooks.ts';
import { allFindings, EXAMPLES_FILE, examplesOf, serializeExamples } from '../fixtures/rules/examples.ts';
import type { FixtureFinding } from '../fixtures/rules/findings.ts';

const validators = Object.keys(catalogues) as ValidatorId[];
let findings: Record<ValidatorId, FixtureFinding[]>;
beforeAll(async () => {
  findings = await allFindings();
}, 240_000);

describe('the catalogue of checks', () => {
  it.each(validators)('%s: ids are unique, each in a declared family, with a title', (validator) => {
    const { rules, families } = catalogues[validator];
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(families, rule.id).toContain(rule.family);
      expect(rule.title, rule.id).toMatch(/^[A-ZÉÈÀ«]/);
      expect(rule.title, rule.id).not.toMatch(/\(s\)|\.$/);
    }
  });

  it.each(validators)('%s: every catalogued rule is produced by at least one fixture, always with its declared severity', (validator) => {
    const produced = new Map<string, Set<string>>();
    for (const finding of findings[validator]) produced.set(finding.rule, (produced.get(finding.rule) ?? new Set()).add(finding.severity));
    const unproduced = catalogues[validator].rules.filter((rule) => !produced.has(rule.id)).map((rule) => rule.id);
    expect(unproduced, 'règles du catalogue qu’aucun cas de tests/fixtures/ ne produit').toEqual([]);
    const wrong = catalogues[validator].rules.filter((rule) => [...(produced.get(rule.id) ?? [])].some((severity) => severity !== rule.severity)).map((rule) => `${rule.id}: ${[...(produced.get(rule.id) ?? [])].join('/')} ≠ ${rule.severity}`);
    expect(wrong).toEqual([]);
  });

  it.each(validators)('%s: no fixture produces a rule the catalogue does not list', (validator) => {
    const known = new Set(catalogues[validator].rules.map((rule) => rule.id));
    const unknown = [...new Set(findings[validator].filter((finding) => !known.has(finding.rule)).map((finding) => `${finding.rule} (${finding.fixture})`))];
    expect(unknown, 'règles absentes de src/core/rules/catalogue.ts').toEqual([]);
  });

  it('gives a rule of the value engine one id, severity and title on every validator that reports it', () => {
    const seen = new Map<string, { severity: string; title: string; validator: ValidatorId }>();
    const engine = validators.flatMap((validator) => catalogues[validator].rules.filter((rule) => isEngineRule(rule.id)).map((rule) => ({ ...rule, validator })));
    for (const validator of validators) expect(engine.some((rule) => rule.validator === validator), validator).toBe(true);
    for (const rule of engine) {
      const first = seen.get(rule.id) ?? { severity: rule.severity, title: rule.title, validator: rule.validator };
      seen.set(rule.id, first);
      expect({ severity: rule.severity, title: rule.title }, `${rule.id} (${rule.validator} / ${first.validator})`).toEqual({ severity: first.severity, title: first.title });
    }
    // A workbook reports the engine's rules under their own id, never under its prefix.
    for (const validator of validators) expect(catalogues[validator].rules.filter((rule) => /\.(value|siret|nir|uai|record)\./.test(rule.id)).map((rule) => rule.id)).toEqual([]);
  });

  it('the examples the pages show are those the fixtures produce today (else: npm run rules:examples)', () => {
    expect(readFileSync(EXAMPLES_FILE, 'utf8'), `${EXAMPLES_FILE} n’est plus à jour : lancez npm run rules:examples`).toBe(serializeExamples(examplesOf(findings)));
  });

  it('has the rules of every kind of partner workbook src/core/workbooks.ts lists', () => {
    expect(workbookShapes.map(({ names }) => catalogues[names.slug as ValidatorId]?.validatorPage)).toEqual(workbookShapes.map(({ names }) => names.page));
    expect([...validators].sort()).toEqual([...workbookShapes.map(({ names }) => names.slug), 'extrait'].sort());
  });

  it('links a finding to its rule on its validator’s page', () => {
    expect(catalogues.kit.rules.map((rule) => rule.id)).toEqual(expect.arrayContaining(['kit.valeurs.siret-nombre', 'siret.key']));
    expect(ruleUrl(catalogues.kit.validatorPage, 'kit.valeurs.siret-nombre')).toBe('/verifier/kit-de-diagnostic/controles/#kit.valeurs.siret-nombre');
    expect(ruleUrl(catalogues.kit.validatorPage, 'siret.key')).toBe('/verifier/kit-de-diagnostic/controles/#siret.key');
    expect(ruleUrl(catalogues.extrait.validatorPage, 'siret.separators')).toBe('/verifier/extrait-de-donnees/controles/#siret.separators');
    for (const validator of validators) expect(catalogues[validator].page.startsWith(catalogues[validator].validatorPage)).toBe(true);
  });
});
