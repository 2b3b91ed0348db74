import { describe, expect, it } from 'vitest';
import { frenchTypography, typesetHtml } from '../../src/core/typography.ts';

const visible = (text: string) => text.replaceAll('\u202f', '⍽').replaceAll('\u00a0', '␣');

describe('French typography', () => {
  it('puts no-break spaces inside guillemets and before high punctuation', () => {
    expect(visible(frenchTypography('Le champ « TIT_NIR » : obligatoire ; vraiment ? Oui !'))).toMatchInlineSnapshot(`"Le champ «⍽TIT_NIR⍽»␣: obligatoire⍽; vraiment⍽? Oui⍽!"`);
  });

  it('leaves URLs, times and code untouched', () => {
    expect(frenchTypography('https://exemple.fr et 10:30')).toBe('https://exemple.fr et 10:30');
    expect(visible(typesetHtml('<p>Exemple : <code>a ? b : c</code></p><script>x ? y : z</script>'))).toMatchInlineSnapshot(`"<p>Exemple␣: <code>a ? b : c</code></p> <script>x ? y : z</script>"`);
  });

  it('leaves attributes untouched', () => {
    expect(typesetHtml('<a title="Voir ? oui" href="/a/">Lien ?</a>')).toBe('<a title="Voir ? oui" href="/a/">Lien\u202f?</a>');
  });

  it('keeps a number with what announces it, a percentage with its number, and digit groups together', () => {
    expect(visible(frenchTypography('Article L. 6353-10, art. 5, décret n° 2017-772, R. 6323-32, 12 % et 8 000 000 dossiers'))).toMatchInlineSnapshot(
      `"Article L.␣6353-10, art.␣5, décret n°␣2017-772, R.␣6323-32, 12⍽% et 8⍽000⍽000 dossiers"`,
    );
    expect(visible(frenchTypography('Loi n° 2016-1088 du 8 août 2016 (L. 518-2)'))).toBe('Loi n°␣2016-1088 du 8 août 2016 (L.␣518-2)');
  });

  it('restores the space of a sentence joined to the next one, and only there', () => {
    expect(frenchTypography('une version publiée ne change plus.Chaque fichier')).toBe('une version publiée ne change plus. Chaque fichier');
    expect(frenchTypography('hub-agora.moncompteformation.gouv.fr, Node.js, U.E.Loi')).toBe('hub-agora.moncompteformation.gouv.fr, Node.js, U.E.Loi');
  });

  it('separates adjacent text blocks so that extracted text keeps its words apart, leaving code blocks alone', () => {
    expect(typesetHtml('<dl><dt>Type</dt><dd>transmis.</dd><dt>Données personnelles</dt><dd>Oui</dd></dl>')).toBe(
      '<dl><dt>Type</dt> <dd>transmis.</dd> <dt>Données personnelles</dt> <dd>Oui</dd> </dl>',
    );
    expect(typesetHtml('<pre><code><li>a</li><li>b</li></code></pre>')).toBe('<pre><code><li>a</li><li>b</li></code></pre>');
  });
});
